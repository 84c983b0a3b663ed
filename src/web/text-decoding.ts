/**
 * Bytes from a file people saved → text. Spreadsheets on Windows still save "CSV" in
 * Windows-1252, so bytes that are not valid UTF-8 are read as Windows-1252 (every byte decodes,
 * "Liège" and "/café" survive). TextDecoder drops a UTF-8 BOM by itself. One decoder for every
 * upload of text (members, redirects).
 */
export function decodeUtf8OrWindows1252(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** 0x80–0x9F of Windows-1252 (€, ‘’, “”, –, —, Œ, œ…); the five undefined bytes stay C1 controls. */
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Node 20's TextDecoder('windows-1252') decodes as Latin-1 (0x96 becomes U+0096, not "–"), so
 * the bytes 0x80–0x9F are mapped here; the rest of Windows-1252 is Latin-1.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80]!);
}
