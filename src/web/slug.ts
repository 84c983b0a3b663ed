import { AppError } from './errors.js';
import { fold } from './fold.js';

/** "Liège" → "liege", "Mons–Borinage!" → "mons-borinage": accents folded, ASCII words joined by dashes. */
export function slugify(name: string): string {
  return fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

/** The slug a person gave, or one made from the name. */
export function slugFor(name: string, given: string | undefined): string {
  const slug = given ?? slugify(name);
  if (!slug)
    throw new AppError('validation', 'A URL name cannot be made from this name: give a slug.', [
      { field: 'slug', message: 'is required when the name has no letters or digits' },
    ]);
  return slug;
}
