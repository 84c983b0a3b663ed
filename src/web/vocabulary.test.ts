import { describe, expect, it } from 'vitest';
import { closeWords, editDistance, indexWords } from './vocabulary.js';

describe('typo tolerance', () => {
  const v = indexWords(['journee', 'journal', 'coworking', 'namur', 'mons', 'liege', 'reseau']);

  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('jounree', 'journee')).toBe(1);
    expect(editDistance('coworkng', 'coworking')).toBe(1);
    expect(editDistance('namur', 'namur')).toBe(0);
    expect(editDistance('mons', 'namur')).toBeGreaterThan(2);
  });

  it('corrects a missing letter and a swap, not a different word', () => {
    expect(closeWords(v, 'coworkng')).toEqual(['coworking']);
    expect(closeWords(v, 'jounree')).toEqual(['journee']);
    expect(closeWords(v, 'resaeu')).toEqual(['reseau']);
    // Short words are left to the prefix (one letter off is often another word there), and two
    // swaps are not one typo.
    expect(closeWords(v, 'mnos')).toEqual([]);
    expect(editDistance('nmaru', 'namur')).toBe(2);
    expect(closeWords(v, 'nmaru')).toEqual([]);
  });
});
