import fc from 'fast-check';
import { expect, it } from 'vitest';
import { assignReviews, pairKey } from './assignment.js';

const LANGS = ['fr', 'nl', 'en'];
// A few hard conflicts (at most one per submission): a balanced assignment then always exists.
const scenario = fc
  .record({
    n: fc.integer({ min: 1, max: 40 }),
    m: fc.integer({ min: 3, max: 12 }),
    k: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .chain((p) =>
    fc.record({
      p: fc.constant(p),
      conflicts: fc.array(fc.option(fc.integer({ min: 0, max: p.m - 1 }), { freq: 3 }), {
        minLength: p.n,
        maxLength: p.n,
      }),
    }),
  );

function build({
  p,
  conflicts,
}: {
  p: { n: number; m: number; k: number; seed: number };
  conflicts: (number | null)[];
}) {
  const submissions = Array.from({ length: p.n }, (_, i) => ({ id: `s${i}`, language: LANGS[i % 3]! }));
  const jurors = Array.from({ length: p.m }, (_, j) => ({ id: `j${j}`, languages: [] as string[] }));
  const blocked = new Set<string>();
  conflicts.forEach((j, i) => {
    if (j !== null) blocked.add(pairKey(`j${j}`, `s${i}`));
  });
  return { submissions, jurors, k: p.k, blocked, kept: [], seed: p.seed };
}

it('never assigns a blocked pair, gives each submission k reviewers when enough jurors may, and keeps loads within one', () => {
  fc.assert(
    fc.property(scenario, (sc) => {
      const input = build(sc);
      // Balance is possible only if every juror may take a fair share.
      const fair = Math.ceil((input.submissions.length * input.k) / input.jurors.length);
      for (const j of input.jurors)
        fc.pre(input.submissions.filter((s) => !input.blocked.has(pairKey(j.id, s.id))).length >= fair);
      const out = assignReviews(input);
      for (const pr of out.pairs) expect(input.blocked.has(pairKey(pr.jurorId, pr.submissionId))).toBe(false);
      const count = new Map<string, number>();
      for (const pr of out.pairs) count.set(pr.submissionId, (count.get(pr.submissionId) ?? 0) + 1);
      for (const s of input.submissions) {
        const possible = input.jurors.filter((j) => !input.blocked.has(pairKey(j.id, s.id))).length;
        expect(count.get(s.id) ?? 0).toBe(Math.min(input.k, possible));
      }
      const loads = Object.values(out.loads);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      expect(new Set(out.pairs.map((x) => pairKey(x.jurorId, x.submissionId))).size).toBe(out.pairs.length);
    }),
    { numRuns: 300 },
  );
});

it('respects the languages jurors read', () => {
  const out = assignReviews({
    submissions: [{ id: 'nl1', language: 'nl' }],
    jurors: [
      { id: 'a', languages: ['fr'] },
      { id: 'b', languages: ['nl', 'fr'] },
      { id: 'c', languages: ['nl'] },
    ],
    k: 3,
    blocked: new Set(),
    kept: [],
  });
  expect(out.pairs.map((p) => p.jurorId).sort()).toEqual(['b', 'c']);
  expect(out.short).toEqual([{ submissionId: 'nl1', reviewers: 2 }]);
});

it('keeps pairs already reviewed or pinned on a re-run, and is the same for the same seed', () => {
  const base = {
    submissions: Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, language: 'fr' })),
    jurors: Array.from({ length: 5 }, (_, j) => ({ id: `j${j}`, languages: [] })),
    k: 3,
    blocked: new Set<string>(),
    seed: 7,
  };
  const first = assignReviews({ ...base, kept: [] });
  expect(assignReviews({ ...base, kept: [] }).pairs).toEqual(first.pairs);
  const done = first.pairs.slice(0, 8).map(({ jurorId, submissionId }) => ({ jurorId, submissionId }));
  const again = assignReviews({ ...base, kept: done, seed: 99 });
  const keys = new Set(again.pairs.map((p) => pairKey(p.jurorId, p.submissionId)));
  for (const d of done) expect(keys.has(pairKey(d.jurorId, d.submissionId))).toBe(true);
  const loads = Object.values(again.loads);
  expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
});
