// iCalendar's text encodings: TEXT values, parameter values (RFC 6868) and line folding.

// Control characters other than the line breaks that TEXT and RFC 6868 can carry.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, a line break as \n. */
export function escapeText(value: string): string {
  return value
    .replace(CONTROL, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** RFC 6868: a parameter value, quoted, with ^ as ^^, a line break as ^n and " as ^'. */
export function paramValue(value: string): string {
  const encoded = value
    .replace(CONTROL, '')
    .replace(/\^/g, '^^')
    .replace(/\r\n|\r|\n/g, '^n')
    .replace(/"/g, "^'");
  return `"${encoded}"`;
}

/**
 * RFC 5545 §3.1: lines of at most 75 octets, continued after CRLF and a space, never cut inside
 * a UTF-8 character (the folding ical-generator does, without its cost).
 */
export function foldLines(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      if (Buffer.byteLength(line) <= 74) return line;
      let out = '';
      let bytes = 0;
      for (const ch of line) {
        const cp = ch.codePointAt(0)!;
        const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        bytes += size;
        if (bytes > 74) {
          out += '\r\n ';
          bytes = size;
        }
        out += ch;
      }
      return out;
    })
    .join('\r\n');
}
