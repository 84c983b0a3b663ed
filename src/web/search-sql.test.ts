import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.js';
import { fold } from './fold.js';
import { containing, escapeLike, foldedSql, matchesWords } from './search-sql.js';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const select = async <T>(expression: ReturnType<typeof sql>) =>
  ((await t.db.execute(sql`SELECT ${expression} AS v`)).rows[0] as { v: T }).v;

describe('foldedSql', () => {
  it.each([
    'José',
    'ÉLODIE Dupré',
    'Œuvre Ærø',
    'Straße',
    'Łódź Đorđe Øst',
    'e\u0301te\u0301', // accents typed as combining marks
    'ﬁne ①',
    'Zoë.Van-Damme@Example.ORG',
  ])('folds %s as fold() does in JavaScript', async (text) => {
    expect(await select<string>(foldedSql(sql`${text}::text`))).toBe(fold(text));
  });
});

describe('matchesWords', () => {
  const matches = (name: string, query: string) =>
    select<boolean>(matchesWords([sql`${name}::text`, sql`'someone@example.org'::text`], query)!);

  it('wants every word, in any column, in any order, accents and case aside', async () => {
    expect(await matches('José Peeters', 'peeters jose')).toBe(true);
    expect(await matches('José Peeters', 'JOSÉ')).toBe(true);
    expect(await matches('José Peeters', 'jose someone@')).toBe(true);
    expect(await matches('José Peeters', 'jose maes')).toBe(false);
  });

  it('takes %, _ and \\ literally', async () => {
    expect(await matches('Promo 50% Club', '50%')).toBe(true);
    expect(await matches('Promo 500 Club', '50%')).toBe(false);
    expect(await matches('Anna_Bell', 'a_b')).toBe(true);
    expect(await matches('Lara Bell', 'a_b')).toBe(false);
    expect(await matches('Back\\Slash', 'k\\s')).toBe(true);
    expect(await matches('Backs', 'k\\s')).toBe(false);
  });

  it('is no condition when nothing was typed', () => {
    expect(matchesWords([sql`'x'`], '   ')).toBeUndefined();
    expect(matchesWords([sql`'x'`], undefined)).toBeUndefined();
  });

  it('escapes what LIKE would read as a wildcard', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
    expect(containing('x%')).toBe('%x\\%%');
  });
});
