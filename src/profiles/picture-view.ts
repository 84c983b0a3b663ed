import type { PictureRef } from './tables.js';

/** Square widths: a directory card (48 px at 2×), the profile page (160 px at 2×), and a sharp large one. */
export const PICTURE_WIDTHS = [96, 320, 640] as const;

export interface PictureView {
  url: string;
  srcset: string;
  width: number;
  height: number;
  alt: string;
}

/**
 * The address of one width: under the member's profile, because it is served only to those who
 * may see the profile. The upload's id is in it, so a new picture is a new address and each may
 * be cached for a year.
 */
export const pictureUrl = (userId: string, ref: PictureRef, width: number) =>
  `/members/${userId}/picture/${ref.uploadId}/${width}.webp`;

/** What pages and the API show of a profile picture; its text alternative is the member's name. */
export function pictureView(userId: string, name: string, ref: PictureRef | null | undefined): PictureView | null {
  if (!ref?.variants.length) return null;
  const largest = ref.variants.at(-1)!;
  return {
    url: pictureUrl(userId, ref, largest.width),
    srcset: ref.variants.map((v) => `${pictureUrl(userId, ref, v.width)} ${v.width}w`).join(', '),
    width: largest.width,
    height: largest.height,
    alt: name,
  };
}
