import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { slugFor, slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['Liège', 'liege'],
    ['Mons–Borinage!', 'mons-borinage'],
    ['Œuvre', 'oeuvre'],
    ['Ærø Łódź Đakovo', 'aero-lodz-dakovo'],
    ['  ', ''],
    ['Espace Liège', 'espace-liege'],
    ['Straße', 'strasse'],
    ['Æther', 'aether'],
    ['  --Namur  &  Dinant--  ', 'namur-dinant'],
    ['Sint-Niklaas 2', 'sint-niklaas-2'],
    ['!!!', ''],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('keeps at most 80 characters and never ends on a dash', () => {
    const slug = slugify(`${'a'.repeat(79)} b`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe('a'.repeat(79));
    expect(slugify('x'.repeat(200))).toHaveLength(80);
  });

  it('always gives what the slug schema accepts, or nothing', () => {
    for (const name of ['Liège', 'Mons–Borinage!', 'Œuvre', 'Ça va? Oui!', '日本', 'a--b', '-x-']) {
      const slug = slugify(name);
      if (slug) expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });
});

describe('slugFor', () => {
  it('prefers the given slug, else makes one from the name', () => {
    expect(slugFor('Liège', 'custom')).toBe('custom');
    expect(slugFor('Liège', undefined)).toBe('liege');
  });

  it('refuses a name without letters or digits with a validation error on slug', () => {
    let err: unknown;
    try {
      slugFor('!!!', undefined);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).errors.map((e) => e.field)).toEqual(['slug']);
  });
});
