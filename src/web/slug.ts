import { AppError } from './errors.js';
import { fold } from './fold.js';
import { msg } from './i18n.js';

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
    throw new AppError('validation', msg('error.slugNeeded'), [
      { field: 'slug', message: msg('validation.slugNeeded') },
    ]);
  return slug;
}
