import fc from 'fast-check';
import { expect, it } from 'vitest';
import { makeCall } from '../calls/test-fixtures.js';
import { computeResults, type ResultInput } from './results.js';

const rulesBase = makeCall().rules;
const ruleSets = fc.record({
  mode: fc.constantFrom('tiers', 'budget', 'places'),
  budget: fc.integer({ min: 1_000, max: 200_000 }),
  places: fc.integer({ min: 1, max: 10 }),
  tieBreak: fc.constantFrom('criterion', 'earliest_submission', 'normalised'),
  rankBy: fc.constantFrom('raw', 'normalised'),
});
const world = fc
  .record({ n: fc.integer({ min: 1, max: 25 }), m: fc.integer({ min: 2, max: 8 }), rules: ruleSets })
  .chain((p) =>
    fc.record({
      p: fc.constant(p),
      requested: fc.array(fc.option(fc.integer({ min: 0, max: 100_000 }), { freq: 5 }), {
        minLength: p.n,
        maxLength: p.n,
      }),
      scores: fc.array(
        fc.array(
          fc.option(
            fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
            { freq: 2 },
          ),
          {
            minLength: p.m,
            maxLength: p.m,
          },
        ),
        { minLength: p.n, maxLength: p.n },
      ),
    }),
  );

// biome-ignore lint/suspicious/noExplicitAny: the generated world's shape is fast-check's, checked by use
function inputOf({ p, requested, scores }: any): ResultInput {
  const r = p.rules;
  return {
    rules: {
      ...rulesBase,
      tiers:
        r.mode === 'tiers'
          ? [
              { count: 2, amountCents: 30_000 },
              { count: 3, amountCents: 10_000 },
            ]
          : [],
      budgetCents: r.mode === 'places' ? null : r.mode === 'tiers' ? Math.max(r.budget, 1) : r.budget,
      places: r.mode === 'places' ? r.places : null,
      tieBreak: r.tieBreak,
      tieBreakCriterion: 'impact',
      rankBy: r.rankBy,
    },
    submissions: requested.map((req: number | null, i: number) => ({
      id: `s${String(i).padStart(2, '0')}`,
      submittedAt: new Date(1_700_000_000_000 + ((i * 7919) % 25) * 1000),
      requestedCents: req,
    })),
    reviews: scores.flatMap((row: ([number, number, number] | null)[], i: number) =>
      row.flatMap((sc, j) =>
        sc
          ? [
              {
                jurorId: `j${j}`,
                submissionId: `s${String(i).padStart(2, '0')}`,
                scores: { impact: sc[0], feasibility: sc[1], fit: sc[2] },
                abstain: false,
              },
            ]
          : [],
      ),
    ),
  };
}

it('is deterministic: the same reviews in any order give the same results', () => {
  fc.assert(
    fc.property(world, fc.integer(), (w, seed) => {
      const input = inputOf(w);
      const shuffled = {
        ...input,
        reviews: input.reviews
          .map((r, i) => ({ r, k: Math.imul(i + 1, seed | 1) >>> 0 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.r),
        submissions: [...input.submissions].reverse(),
      };
      expect(computeResults(shuffled)).toEqual(computeResults(input));
    }),
    { numRuns: 150 },
  );
});

it('never exceeds the budget or the places, and selects down the ranking', () => {
  fc.assert(
    fc.property(world, (w) => {
      const input = inputOf(w);
      const out = computeResults(input);
      const selected = out.items.filter((x) => x.selected);
      if (input.rules.budgetCents !== null) {
        const total = selected.reduce((s, x) => s + (x.amountCents ?? 0), 0);
        expect(total).toBeLessThanOrEqual(input.rules.budgetCents);
        expect(total).toBe(out.totalAwardedCents);
      }
      if (input.rules.places !== null) expect(selected.length).toBeLessThanOrEqual(input.rules.places);
      for (const x of selected) expect(x.reviewCount).toBeGreaterThan(0);
      // Ranks are 1..n, and with places or tiers the selected are exactly a prefix of the reviewed.
      expect(out.items.map((x) => x.rank)).toEqual(out.items.map((_, i) => i + 1));
      if (input.rules.tiers.length || input.rules.places !== null) {
        const firstOut = out.items.findIndex((x) => !x.selected);
        if (firstOut >= 0) for (const x of out.items.slice(firstOut)) expect(x.selected).toBe(false);
      }
    }),
    { numRuns: 300 },
  );
});

it('applies the tie-break between equal scores', () => {
  fc.assert(
    fc.property(world, (w) => {
      const input = inputOf(w);
      const out = computeResults(input);
      const key = (x: (typeof out.items)[number]) => (input.rules.rankBy === 'raw' ? x.rawMean : x.normalisedScore);
      for (let i = 1; i < out.items.length; i++) {
        const a = out.items[i - 1]!;
        const b = out.items[i]!;
        if (key(a) === null || key(b) === null) continue;
        expect(key(a)!).toBeGreaterThanOrEqual(key(b)!);
        if (key(a) !== key(b)) continue;
        expect(a.tied && b.tied).toBe(true);
        if (input.rules.tieBreak === 'criterion')
          expect(a.perCriterion.impact!.mean!).toBeGreaterThanOrEqual(b.perCriterion.impact!.mean!);
        if (input.rules.tieBreak === 'earliest_submission') {
          const t = (id: string) => input.submissions.find((s) => s.id === id)!.submittedAt.getTime();
          expect(t(a.submissionId)).toBeLessThanOrEqual(t(b.submissionId));
        }
      }
    }),
    { numRuns: 300 },
  );
});

it('shows ranking order against funded order under a budget, and falls back to ranks for jurors with too few reviews', () => {
  const out = computeResults({
    rules: { ...rulesBase, tiers: [], budgetCents: 100, places: null, tieBreak: 'earliest_submission', rankBy: 'raw' },
    submissions: [
      { id: 'a', submittedAt: new Date(1), requestedCents: 80 },
      { id: 'b', submittedAt: new Date(2), requestedCents: 50 },
      { id: 'c', submittedAt: new Date(3), requestedCents: 20 },
    ],
    reviews: [
      { jurorId: 'j', submissionId: 'a', scores: { impact: 5, feasibility: 5, fit: 1 }, abstain: false },
      { jurorId: 'j', submissionId: 'b', scores: { impact: 4, feasibility: 4, fit: 1 }, abstain: false },
      { jurorId: 'k', submissionId: 'c', scores: { impact: 3, feasibility: 3, fit: 1 }, abstain: false },
    ],
  });
  expect(out.items.map((x) => [x.submissionId, x.rank, x.selected, x.fundedOrder])).toEqual([
    ['a', 1, true, 1],
    ['b', 2, false, null],
    ['c', 3, true, 2],
  ]);
  expect(out.normalisation).toEqual({ j: 'rank', k: 'rank' });
  expect(out.totalAwardedCents).toBe(100);
});
