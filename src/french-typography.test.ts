import { describe, expect, it } from 'vitest';
import { catalogues } from './web/i18n.js';

// French puts a (non-breaking) space before a colon: "Étiquette : Mons", never "Étiquettes: Mons".
// A colon glued to a letter and followed by a space or the end is a label or an introduction; a colon
// inside a word or an address (https://, 10:30, {count}) is followed by neither, and passes.
const gluedColon = /\p{L}:(\s|$)/u;

describe('French typography in every catalogue', () => {
  it('no letter directly followed by a colon', () => {
    const offending = Object.entries(catalogues.fr as Record<string, string>)
      // An address, or a literal quoted for the reader to type (« Authorization: Bearer … »), is not prose.
      .filter(([, text]) => gluedColon.test(text.replace(/https?:\/\/\S+|«[^»]*»/g, '')))
      .map(([key, text]) => `${key}: ${text}`);
    expect(offending).toEqual([]);
  });

  it('the rule sees the mistake it is for', () => {
    expect(gluedColon.test('Catégories:')).toBe(true);
    expect(gluedColon.test('Enregistré par: {name}')).toBe(true);
    expect(gluedColon.test('Étiquette\u00a0: Mons')).toBe(false);
    expect(gluedColon.test('Voir https://example.org/a:b à 10:30')).toBe(false);
    expect(gluedColon.test('{count, plural, one {# article} other {# articles}}')).toBe(false);
  });
});
