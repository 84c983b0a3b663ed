import { fold } from '../web/fold.js';
import { baseWords } from './words.js';

/**
 * Damaged text, detected and repaired. Three kinds of damage:
 * - mojibake: UTF-8 bytes read as Windows-1252 ("Ã©" for "é"): decoded back exactly;
 * - `?` runs: each byte of a lost UTF-8 character became one `?` ("d??finition": é is 2 bytes,
 *   "l???entreprise": ’ is 3), so a run's length is the byte length of what was lost;
 * - U+FFFD, the decoder's replacement character, one per lost character.
 * A `?` run is only damage in a text that shows damage inside words ("Quoi ??" in a clean text is
 * punctuation); a single `?` and anything in a URL never are.
 */

export type { Language } from './words.js';
import type { Language } from './words.js';

export interface Substitution {
  /** Offset in the ORIGINAL text. */
  at: number;
  original: string;
  replacement: string;
  /** 0–1: the share of the evidence for this word. */
  confidence: number;
  alternatives: string[];
  kind: 'mojibake' | 'question-marks' | 'replacement-char';
  /** Applied to the text (confident), or queued for an editor. */
  applied: boolean;
}

export interface Dictionary {
  /** skeleton ("d??finition") → word → weight */
  bySkeleton: Map<string, Map<string, number>>;
  language: Language;
}

// ——— mojibake ———

const CP1252_EXTRA: Record<number, number> = {
  8364: 0x80,
  8218: 0x82,
  402: 0x83,
  8222: 0x84,
  8230: 0x85,
  8224: 0x86,
  8225: 0x87,
  710: 0x88,
  8240: 0x89,
  352: 0x8a,
  8249: 0x8b,
  338: 0x8c,
  381: 0x8e,
  8216: 0x91,
  8217: 0x92,
  8220: 0x93,
  8221: 0x94,
  8226: 0x95,
  8211: 0x96,
  8212: 0x97,
  732: 0x98,
  8482: 0x99,
  353: 0x9a,
  8250: 0x9b,
  339: 0x9c,
  382: 0x9e,
  376: 0x9f,
};
/** The Windows-1252 byte a character came from, if it is one of that code page's upper half. */
function cp1252Byte(ch: string): number | undefined {
  const c = ch.codePointAt(0)!;
  if (c >= 0xa0 && c <= 0xff) return c;
  if (c >= 0x80 && c <= 0x9f) return c; // undefined in 1252: kept as C1 by lenient decoders
  return CP1252_EXTRA[c];
}

/**
 * A lead byte (Â…ô) followed by a continuation byte as Windows-1252 spells it: without one such
 * pair there is no mojibake, and the character walk below (the import's dearest step on clean
 * text) is skipped.
 */
const MOJIBAKE_PAIR =
  /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

/** Finds UTF-8 sequences spelt in Windows-1252 and decodes each back; anything else is left alone. */
export function repairMojibake(text: string): { text: string; substitutions: Substitution[] } {
  if (!MOJIBAKE_PAIR.test(text)) return { text, substitutions: [] };
  const chars = [...text];
  const subs: Substitution[] = [];
  let out = '';
  let offset = 0;
  for (let i = 0; i < chars.length; ) {
    const lead = cp1252Byte(chars[i]!);
    const need =
      lead === undefined
        ? 0
        : lead >= 0xc2 && lead <= 0xdf
          ? 1
          : lead >= 0xe0 && lead <= 0xef
            ? 2
            : lead >= 0xf0 && lead <= 0xf4
              ? 3
              : 0;
    if (need) {
      const bytes = [lead!];
      for (let k = 1; k <= need; k++) {
        const b = chars[i + k] === undefined ? undefined : cp1252Byte(chars[i + k]!);
        if (b === undefined || b < 0x80 || b > 0xbf) break;
        bytes.push(b);
      }
      if (bytes.length === need + 1) {
        try {
          const decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
          const original = chars.slice(i, i + need + 1).join('');
          subs.push({
            at: offset,
            original,
            replacement: decoded,
            confidence: 1,
            alternatives: [],
            kind: 'mojibake',
            applied: true,
          });
          out += decoded;
          offset += original.length;
          i += need + 1;
          continue;
        } catch {
          // not UTF-8 after all: keep the characters
        }
      }
    }
    out += chars[i]!;
    offset += chars[i]!.length;
    i++;
  }
  return { text: out, substitutions: subs };
}

// ——— `?` runs ———

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');
/** "définition" → "d??finition": each non-ASCII character as as many `?` as its UTF-8 bytes. */
export const skeletonOf = (word: string) => word.replace(/[^\x00-\x7f]/gu, (c) => '?'.repeat(utf8Length(c)));

export function buildDictionary(language: Language, texts: string[] = []): Dictionary {
  const bySkeleton = new Map<string, Map<string, number>>();
  const add = (word: string, weight: number) => {
    const lower = word.toLowerCase();
    if (!/[^\x00-\x7f]/.test(lower)) return;
    const key = skeletonOf(lower);
    const m = bySkeleton.get(key) ?? new Map<string, number>();
    m.set(lower, (m.get(lower) ?? 0) + weight);
    bySkeleton.set(key, m);
  };
  // The word list counts as a few sightings each; words of the same import's clean articles add theirs.
  for (const w of baseWords[language]) add(w, 3);
  for (const t of texts) for (const w of t.match(/[\p{L}’']+/gu) ?? []) if (!hasQuestionDamage(t)) add(w, 1);
  return { bySkeleton, language };
}

const URL = /\b(?:https?:\/\/|www\.)[^\s)\]>"']+/g;
/** Runs of 2+ `?` or of U+FFFD that touch a letter: the signature of a damaged text. */
const IN_WORD = /(\p{L}(\?{2,}|\uFFFD+))|((\?{2,}|\uFFFD+)\p{L})/u;

export function hasQuestionDamage(text: string): boolean {
  return IN_WORD.test(text.replace(URL, ' '));
}

/** Elisions before ’ in French and Dutch ('s, 't) and English contractions. */
const ELISION = /^(l|d|c|j|n|s|m|t|qu|jusqu|lorsqu|puisqu|quelqu|presqu|aujourd)$/i;
const FALLBACK: Record<Language, Record<number, string[]>> = {
  fr: { 1: ['?'], 2: ['é', 'è', 'à', 'ê', 'ç', 'ô', 'î', 'â', 'û', 'ù', 'ï', 'ë', 'œ'], 3: ['’', '…', '–', '€'] },
  nl: { 1: ['?'], 2: ['é', 'ë', 'è', 'ï', 'ö', 'ü'], 3: ['’', '…', '–', '€'] },
  en: { 1: ['?'], 2: ['é', 'è', 'ï'], 3: ['’', '…', '–', '“', '”', '€'] },
};

const matchCase = (model: string, word: string) =>
  model.length > 1 && model === model.toUpperCase() && /\p{Lu}/u.test(model)
    ? word.toUpperCase()
    : /^\p{Lu}/u.test(model)
      ? word.charAt(0).toUpperCase() + word.slice(1)
      : word;

interface Candidate {
  word: string;
  confidence: number;
  alternatives: string[];
}

function lookup(dict: Dictionary, token: string, witnesses: Set<string>): Candidate | undefined {
  const found = dict.bySkeleton.get(token.toLowerCase());
  if (!found) return undefined;
  const ranked = [...found.entries()].map(([w, n]) => [w, n * (witnesses.has(fold(w)) ? 3 : 1)] as const);
  ranked.sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((s, [, n]) => s + n, 0);
  return {
    word: matchCase(token, ranked[0]![0]),
    confidence: ranked[0]![1] / total,
    alternatives: ranked.slice(1, 5).map(([w]) => matchCase(token, w)),
  };
}

/** A guess when no word fits: the commonest characters of that byte length, never confident. */
function fallback(dict: Dictionary, token: string): Candidate {
  const options = (run: number) => FALLBACK[dict.language][run] ?? ['?'.repeat(run)];
  const runs = token.match(/\?+/g) ?? [];
  const guess = token.replace(/\?+/g, (r) => options(r.length)[0]!);
  const alternatives =
    runs.length === 1
      ? options(runs[0]!.length)
          .slice(1, 5)
          .map((c) => token.replace(/\?+/, c))
      : [];
  return { word: matchCase(token, guess), confidence: 0.2, alternatives };
}

/** The reading of one damaged token ("l?????change", "d??finition", "??"). */
function resolveToken(dict: Dictionary, token: string, witnesses: Set<string>): Candidate {
  const whole = lookup(dict, token, witnesses);
  if (whole) return whole;
  // Elision: "l???entreprise" = l + ’ (3 bytes) + entreprise; "l?????change" = l + ’ + é…
  const m = /^([A-Za-z]+)\?{3}(.*)$/.exec(token);
  if (m && ELISION.test(m[1]!)) {
    const rest = m[2]!;
    if (!rest.includes('?')) return { word: `${m[1]}’${rest}`, confidence: 0.95, alternatives: [] };
    const inner = resolveToken(dict, rest, witnesses);
    return {
      word: `${m[1]}’${inner.word}`,
      confidence: inner.confidence * 0.95,
      alternatives: inner.alternatives.map((a) => `${m[1]}’${a}`),
    };
  }
  // Dutch: ’s, ’t
  return fallback(dict, token);
}

/** Tokens containing damage: letters and `?`/U+FFFD runs, outside URLs. */
const TOKEN = /[\p{L}\p{N}?\uFFFD]*(?:\?{2,}|\uFFFD+)[\p{L}\p{N}?\uFFFD]*/gu;

export interface RepairResult {
  text: string;
  substitutions: Substitution[];
}

/**
 * Repairs `text`: mojibake always (exact), `?` runs and U+FFFD when the text shows damage inside
 * words. Substitutions of confidence ≥ `threshold` are applied; the others are proposed (their
 * best reading is in `replacement`) and the text keeps the damaged token until an editor decides.
 */
export function repairText(
  text: string,
  dict: Dictionary,
  opts: { witnesses?: string[]; threshold?: number } = {},
): RepairResult {
  const threshold = opts.threshold ?? 0.6;
  const moji = repairMojibake(text);
  if (moji.substitutions.length) return moji; // a text is damaged one way; mojibake decodes exactly
  if (!hasQuestionDamage(text)) return { text, substitutions: [] };
  const witnesses = new Set((opts.witnesses ?? []).flatMap((w) => fold(w).split(/[^a-z0-9]+/)).filter(Boolean));
  const urls: [number, number][] = [];
  for (const u of text.matchAll(URL)) urls.push([u.index!, u.index! + u[0].length]);
  const subs: Substitution[] = [];
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index!;
    if (urls.some(([a, b]) => at >= a && at < b)) continue;
    const token = m[0];
    const kind = token.includes('\uFFFD') ? 'replacement-char' : 'question-marks';
    // U+FFFD stands for one character of unknown length: read it as a 2-byte letter.
    const c = resolveToken(dict, token.replace(/\uFFFD/g, '??'), witnesses);
    const applied = c.confidence >= threshold;
    subs.push({
      at,
      original: token,
      replacement: c.word,
      confidence: Math.round(c.confidence * 100) / 100,
      alternatives: c.alternatives,
      kind,
      applied,
    });
    out += text.slice(last, at) + (applied ? c.word : token);
    last = at + token.length;
  }
  return { text: out + text.slice(last), substitutions: subs };
}

/** Puts one substitution's replacement (or another choice) into a text that still holds the original at its place. */
export function applyChoice(text: string, original: string, choice: string, near: number): string {
  const from = Math.max(0, near - 200);
  const at = text.indexOf(original, from);
  if (at < 0) return text;
  return text.slice(0, at) + choice + text.slice(at + original.length);
}
