/**
 * Text for XML (RSS, sitemap): the five special characters escaped, and the control characters
 * XML 1.0 forbids dropped — one stray character in a title would make the whole feed unreadable.
 */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
