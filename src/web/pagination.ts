import { z } from 'zod';
import { AppError } from './errors.js';
import { msg } from './i18n.js';

export const PageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1, 'must be between 1 and 100')
    .max(100, 'must be between 1 and 100')
    .default(20)
    .describe('Items per page (1–100, default 20)'),
  cursor: z.string().max(200).optional().describe("Opaque cursor from the previous page's `nextCursor`"),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
  });

/** Lists are ordered by slug (unique per network), so the cursor is the last slug seen. */
export function encodeCursor(slug: string): string {
  return Buffer.from(JSON.stringify({ after: slug })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation', msg('error.badCursor'), [{ field: 'cursor', message: msg('validation.badCursor') }]);
}

/** Fetch limit + 1 rows; the extra one tells whether a next page exists. */
export function toPage<T extends { slug: string }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!.slug) : null };
}

/**
 * Cursors for lists ordered by something with no key to resume after (relevance, a member's own
 * history): the offset of the next page. A forged one (1.5, -1, 1e300) is refused here, never
 * handed to the database as an OFFSET.
 */
export const offsetCursor = (offset: number): string => encodeCursor(String(offset));

export function offsetFromCursor(cursor: string | undefined): number {
  const after = decodeCursor(cursor);
  if (after === undefined) return 0;
  const n = Number(after);
  if (after.trim() === '' || !Number.isSafeInteger(n) || n < 0 || n > 1_000_000) {
    throw new AppError('validation', msg('error.badCursor'), [
      { field: 'cursor', message: msg('validation.badCursor') },
    ]);
  }
  return n;
}

/**
 * `?offset=` of the paged lists: an integer from 0 to 1,000,000. Anything else (1.5, 1e20, -3,
 * repeated) shows the first page instead of reaching the database as an OFFSET it refuses.
 */
export const OffsetQuerySchema = z.object({ offset: z.coerce.number().int().min(0).max(1_000_000).catch(0) });
