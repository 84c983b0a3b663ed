/** What the server asks the picture worker (`image-process.ts`), and what it answers. */
export type ImageJob =
  | { id: number; kind: 'header'; bytes: Uint8Array }
  | { id: number; kind: 'variant'; bytes: Uint8Array; width: number; square: boolean; maxPixels: number };

/** `ok: false` when the file does not decode (cut short, corrupt, not a picture after all). */
export type ImageAnswer =
  | { id: number; ok: true; width: number; height: number; data?: Uint8Array }
  | { id: number; ok: false };
