import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.js';
import { fold } from './fold.js';
import { tsvectorLiteral } from './tsvector.js';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

/** What PostgreSQL reads from the literal, as its text form. */
async function read(literal: string): Promise<string> {
  return (await t.pool.query<{ v: string }>('SELECT $1::tsvector::text AS v', [literal])).rows[0]!.v;
}

describe('tsvectorLiteral', () => {
  it('gives the words of folded text with their positions, as PostgreSQL reads them', async () => {
    const text = fold("L'événement de Liège: coworking, coworking! example.org/foo-bar 2026");
    expect(await read(tsvectorLiteral(text))).toBe(
      "'2026':11 'bar':10 'coworking':5,6 'de':3 'evenement':2 'example':7 'foo':9 'l':1 'liege':4 'org':8",
    );
  });

  it('finds what to_tsquery finds for every query word split as news search splits it', async () => {
    const text = fold('Journée du numérique à Charleroi — développeurs et communauté');
    const doc = tsvectorLiteral(text);
    for (const [query, found] of [
      ['numeri:*', true],
      ['charleroi:* & developpeurs:*', true],
      ['kortrijk:*', false],
    ] as const) {
      const { rows } = await t.pool.query<{ m: boolean }>("SELECT $1::tsvector @@ to_tsquery('simple', $2) AS m", [
        doc,
        query,
      ]);
      expect(rows[0]!.m, query).toBe(found);
    }
  });

  it('keeps PostgreSQL limits: no lexeme over 2046 bytes, at most 256 positions, none over 16383', async () => {
    const long = 'x'.repeat(3000);
    const many = Array.from({ length: 20_000 }, () => 'mot').join(' ');
    const literal = tsvectorLiteral(`${long} court ${many} fin`);
    const v = await read(literal);
    expect(v).not.toContain(long.slice(0, 2047));
    expect(v).toContain("'court':2");
    expect((v.match(/'mot':([\d,]+)/)?.[1] ?? '').split(',')).toHaveLength(256);
    expect(v).toContain("'fin':16383");
  });

  it('is always a literal PostgreSQL accepts, whatever the text', async () => {
    const samples = fc.sample(fc.string({ unit: 'grapheme', maxLength: 80 }), 60);
    for (const s of samples) await expect(read(tsvectorLiteral(fold(s)))).resolves.toBeTypeOf('string');
    expect(tsvectorLiteral('')).toBe('');
  });
});
