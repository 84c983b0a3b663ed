import { catalogues } from '../../src/web/i18n.js';

/**
 * The English sentences of the interface under some key prefixes: the literal parts of each
 * message (ICU arguments and plurals taken out), 15 characters or more, and not the same in the
 * French or Dutch message (a URL, a code). A French or Dutch page or mail must contain none.
 */
export function englishSentences(prefixes: string[]): { key: string; text: string }[] {
  const literal = (source: string) => {
    let s = source;
    for (let before = ''; before !== s; ) {
      before = s;
      s = s.replace(/\{[^{}]*\}/g, '\u0000');
    }
    return s
      .split('\u0000')
      .map((x) => x.trim())
      .filter((x) => x.length >= 15 && x.includes(' '));
  };
  const en = catalogues.en as Record<string, string>;
  const others = [catalogues.fr, catalogues.nl] as Record<string, string>[];
  return Object.keys(en)
    .filter((k) => prefixes.some((p) => k.startsWith(p)))
    .flatMap((key) =>
      literal(en[key]!)
        .filter((text) => !others.some((o) => (o[key] ?? '').includes(text)))
        .map((text) => ({ key, text })),
    );
}

/** The English sentences of `prefixes` found in `text`. */
export const englishIn = (text: string, prefixes: string[]) =>
  englishSentences(prefixes).filter((s) => text.includes(s.text));
