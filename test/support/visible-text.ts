import { catalogues, type Locale } from '../../src/web/i18n.js';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&([a-z]+);/g, (m, n: string) => entities[n] ?? m)
    .replace(/\s+/g, ' ')
    .trim();

/** Tags inside a sentence: a sentence goes on across them. Any other tag ends a piece of text. */
const INLINE = /^(a|abbr|b|bdi|code|em|i|kbd|mark|q|s|small|span|strong|sub|sup|time|u|data)$/i;
const VOID = /^(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)$/i;

/**
 * What a person reads or hears on a page: each text run (inline markup joined, block tags
 * separating), the window title, and the attributes shown or spoken (title, alt, aria-label,
 * placeholder, a button's value, the page's description). Scripts, styles and comments are left
 * out, and so is what the page marks as written in another language (`lang` on an element: a
 * name, an untranslated text shown as such) — also as the window title.
 */
export function visibleTexts(html: string): string[] {
  const page = html.replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<!--[\s\S]*?-->/g, ' ');
  const pageLang = /<html[^>]*\slang="([^"]+)"/.exec(page)?.[1];
  const out: string[] = [];
  const foreign: string[] = [];
  // Open elements, and whether each is in another language than the page.
  const open: { name: string; other: boolean }[] = [];
  let run = '';
  let runOther = false;
  const flush = () => {
    const text = decode(run);
    if (text) (runOther ? foreign : out).push(text);
    run = '';
  };
  for (const token of page.split(/(<\/?[a-z][\w-]*\b[^>]*>)/i)) {
    const tag = /^<(\/?)([a-z][\w-]*)\b([^>]*)>$/i.exec(token);
    const other = open.length > 0 && open[open.length - 1]!.other;
    if (!tag) {
      if (token.trim() && run.trim() && runOther !== other) flush();
      if (token.trim()) runOther = other;
      run += token;
      continue;
    }
    const [, closing, name, attrs] = tag as unknown as [string, string, string, string];
    if (!INLINE.test(name)) flush();
    if (closing) {
      const at = open.map((o) => o.name).lastIndexOf(name.toLowerCase());
      if (at >= 0) open.length = at;
      continue;
    }
    const lang = /\slang="([^"]*)"/.exec(attrs)?.[1];
    const elementOther = lang !== undefined ? lang !== pageLang : other;
    if (!VOID.test(name) && !attrs.trimEnd().endsWith('/'))
      open.push({ name: name.toLowerCase(), other: elementOther });
    for (const a of attrs.matchAll(/\s(title|alt|aria-label|placeholder|value|content)="([^"]*)"/g)) {
      const [, attr, value] = a as unknown as [string, string, string];
      if (attr === 'value' && !(/^button$/i.test(name) || /\btype="(submit|button|reset)"/.test(attrs))) continue;
      if (attr === 'content' && !(/^meta$/i.test(name) && /\b(name|property)="(description|og:[a-z]+)"/.test(attrs)))
        continue;
      (elementOther ? foreign : out).push(decode(value));
    }
  }
  flush();
  // The window title repeats a heading in another language (a mail's subject): it is that text.
  return out.filter((s) => !foreign.some((f) => s.startsWith(f) && f.length * 2 >= s.length));
}

/** ICU syntax between the literal parts of a message: `count, plural, one `, `other `, `=0 `. */
const ICU_SYNTAX =
  /^\s*(\w+\s*,\s*(plural|select|selectordinal|number|date|time)\b.*|(zero|one|two|few|many|other|=\d+)\s*)$/;

export interface EnglishCheck {
  /** The English interface text found in `texts`, as `key: text`. */
  find(texts: string[]): string[];
  sentences: number;
  words: number;
}

/**
 * The English catalogue, as a French or Dutch page must not show it: the literal parts of each
 * message (between its arguments, plural branches included) of 15 characters and more with a
 * space, found anywhere in a text; and the short messages without argument (a button's "Save"),
 * found when they are a whole text. A text the other language's catalogue also has anywhere
 * (a brand, a word both languages borrow, a code) is not English interface text.
 */
export function englishCheck(locale: Locale): EnglishCheck {
  const en = catalogues.en as Record<string, string>;
  const theirs = Object.values(catalogues[locale] as Record<string, string>);
  const theirsLower = new Set(theirs.map((s) => s.toLowerCase()));
  const alsoTheirs = (text: string) => theirs.some((m) => m.includes(text));
  const sentences = new Map<string, string>();
  const words = new Map<string, string>();
  for (const [key, source] of Object.entries(en)) {
    if ((catalogues[locale] as Record<string, string>)[key] === source) continue;
    if (!/[{}#]/.test(source)) {
      const whole = source.trim();
      if (whole.length >= 4 && /[a-z]{3}/i.test(whole) && !theirsLower.has(whole.toLowerCase())) words.set(whole, key);
    }
    for (const part of source.split(/[{}#]/)) {
      const text = part.trim();
      if (text.length < 15 || !/[a-z] [a-z]/i.test(text) || ICU_SYNTAX.test(part) || alsoTheirs(text)) continue;
      sentences.set(text, key);
    }
  }
  return {
    sentences: sentences.size,
    words: words.size,
    find(texts) {
      const found = new Set<string>();
      for (const text of texts) {
        const word = words.get(text);
        if (word) found.add(`${word}: ${text}`);
        for (const [sentence, key] of sentences) if (text.includes(sentence)) found.add(`${key}: ${sentence}`);
      }
      return [...found];
    },
  };
}
