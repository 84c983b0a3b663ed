import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseWords } from './words.js';
import { buildDictionary, hasQuestionDamage, repairMojibake, repairText } from './repair.js';

/** What a lossy converter did to the seed: every byte of a non-ASCII character became one `?`. */
const damage = (s: string) => s.replace(/[^\x00-\x7f]/gu, (c) => '?'.repeat(Buffer.byteLength(c)));
const plain = ['le', 'de', 'un', 'avec', 'pour', 'les', 'het', 'een', 'van', 'the', 'and', 'projet', 'réseau'];

describe('damage detection', () => {
  it('sees damage inside words, never a single ?, a URL query, or "Quoi ??" in clean text', () => {
    expect(hasQuestionDamage('la d??finition')).toBe(true);
    expect(hasQuestionDamage('Quoi ?? Vraiment ? https://x.be/?a=1&b=??')).toBe(false);
    expect(repairText('Quoi ?? Oui.', buildDictionary('fr')).text).toBe('Quoi ?? Oui.');
  });

  it('decodes mojibake exactly and keeps curly quotes', () => {
    const original = 'L’été à Liège — « café » coûte 3 €';
    const mangled = new TextDecoder('windows-1252').decode(Buffer.from(original, 'utf8'));
    expect(mangled).toContain('Ã©');
    expect(repairMojibake(mangled).text).toBe(original);
    expect(repairMojibake(original).text).toBe(original);
  });
});

describe('property: random accented French and Dutch text', () => {
  const fr = buildDictionary('fr');
  const nl = buildDictionary('nl');
  const accented = (lang: 'fr' | 'nl') =>
    baseWords[lang].filter((w) => /^[\p{L}’]+$/u.test(w) && /[^\x00-\x7f]/.test(w));
  const sentence = (lang: 'fr' | 'nl') =>
    fc
      .array(fc.oneof(fc.constantFrom(...accented(lang)), fc.constantFrom(...plain)), { minLength: 3, maxLength: 20 })
      .map((ws) => ws.join(' '));

  it('never changes text that was not damaged', () => {
    fc.assert(
      fc.property(fc.oneof(sentence('fr'), sentence('nl'), fc.string()), (text) => {
        expect(repairText(text, fr).text).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('gives back at least 90% of the damaged words (French) and 80% (Dutch), and never applies a wrong one silently more than 5% of the time', () => {
    let runs = 0;
    let right = 0;
    let wrongApplied = 0;
    for (const [lang, dict, target] of [
      ['fr', fr, 0.9],
      ['nl', nl, 0.8],
    ] as const) {
      runs = right = wrongApplied = 0;
      fc.assert(
        fc.property(sentence(lang), (text) => {
          const words = text.split(' ');
          const repaired = repairText(damage(text), dict, { threshold: 0 }).text.split(' ');
          const applied = repairText(damage(text), dict).text.split(' ');
          words.forEach((w, i) => {
            if (damage(w) === w) return;
            runs++;
            if (repaired[i] === w) right++;
            else if (applied[i] !== damage(w)) wrongApplied++;
          });
        }),
        { numRuns: 200, seed: 42 },
      );
      console.log(`${lang}: ${right}/${runs} damaged words restored, ${wrongApplied} wrong ones applied`);
      expect(right / runs, `${lang}: ${right}/${runs}`).toBeGreaterThanOrEqual(target);
      expect(wrongApplied / runs).toBeLessThanOrEqual(0.05);
    }
  });
});
