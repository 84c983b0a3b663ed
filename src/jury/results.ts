import type { CallRules } from '../calls/schemas.js';

/**
 * The jury's results, computed from the reviews alone: pure and deterministic, so the same
 * reviews always give the same ranking, whoever asks and in whatever order rows arrive.
 */
export interface ResultInput {
  rules: Pick<CallRules, 'criteria' | 'places' | 'budgetCents' | 'tiers' | 'tieBreak' | 'tieBreakCriterion' | 'rankBy'>;
  submissions: { id: string; submittedAt: Date; requestedCents: number | null }[];
  /** Reviews that count: submitted, not by a juror in hard conflict. */
  reviews: { jurorId: string; submissionId: string; scores: Record<string, number>; abstain: boolean }[];
}

export interface ResultItem {
  submissionId: string;
  rank: number;
  rawMean: number | null;
  normalisedScore: number | null;
  perCriterion: Record<string, { mean: number | null; median: number | null }>;
  independent: Record<string, { mean: number | null; median: number | null }>;
  spread: number | null;
  controversial: boolean;
  reviewCount: number;
  abstentions: number;
  /** Equal on the ranking score with a neighbour: the tie-break decided. */
  tied: boolean;
  selected: boolean;
  amountCents: number | null;
  fundedOrder: number | null;
}

export interface Results {
  items: ResultItem[];
  /** Jurors whose scores were standardised (z-scores), and those too few to standardise (ranks used). */
  normalisation: Record<string, 'z' | 'rank'>;
  cutLineTie: boolean;
  selectionDiffers: { onlyRaw: string[]; onlyNormalised: string[] };
  totalAwardedCents: number;
}

const MIN_FOR_Z = 3;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
function median(xs: number[]) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const round = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

export function computeResults(input: ResultInput): Results {
  const { rules } = input;
  const counted = rules.criteria.filter((c) => !c.independent);
  const weightSum = counted.reduce((s, c) => s + c.weight, 0) || 1;
  const scaleMin = Math.min(...counted.flatMap((c) => c.scale.map((x) => x.value)));
  const scaleMax = Math.max(...counted.flatMap((c) => c.scale.map((x) => x.value)));
  const reviews = [...input.reviews].sort((a, b) =>
    a.jurorId === b.jurorId ? (a.submissionId < b.submissionId ? -1 : 1) : a.jurorId < b.jurorId ? -1 : 1,
  );
  const scored = reviews
    .filter((r) => !r.abstain && counted.every((c) => typeof r.scores[c.key] === 'number'))
    .map((r) => ({ ...r, total: counted.reduce((s, c) => s + c.weight * r.scores[c.key]!, 0) / weightSum }));

  // Per juror: z-scores when they reviewed enough and did not give everyone the same; ranks otherwise.
  const normalisation: Record<string, 'z' | 'rank'> = {};
  const norm = new Map<string, number>();
  const byJuror = new Map<string, typeof scored>();
  for (const r of scored) byJuror.set(r.jurorId, [...(byJuror.get(r.jurorId) ?? []), r]);
  for (const [juror, list] of byJuror) {
    const totals = list.map((r) => r.total);
    const m = mean(totals)!;
    const sd = Math.sqrt(totals.reduce((s, x) => s + (x - m) ** 2, 0) / totals.length);
    if (list.length >= MIN_FOR_Z && sd > 1e-9) {
      normalisation[juror] = 'z';
      for (const r of list) norm.set(`${juror}|${r.submissionId}`, (r.total - m) / sd);
    } else {
      normalisation[juror] = 'rank';
      const n = list.length;
      for (const r of list) {
        const better = totals.filter((x) => x > r.total).length;
        const equal = totals.filter((x) => x === r.total).length;
        const rank = better + (equal + 1) / 2;
        norm.set(`${juror}|${r.submissionId}`, n > 1 ? ((n + 1) / 2 - rank) / ((n - 1) / 2) : 0);
      }
    }
  }

  const scoredBy = new Map<string, typeof scored>();
  for (const r of scored) scoredBy.set(r.submissionId, [...(scoredBy.get(r.submissionId) ?? []), r]);
  const allBy = new Map<string, typeof reviews>();
  for (const r of reviews) allBy.set(r.submissionId, [...(allBy.get(r.submissionId) ?? []), r]);
  const base = input.submissions.map((s) => {
    const mine = scoredBy.get(s.id) ?? [];
    const all = allBy.get(s.id) ?? [];
    const crit = (list: typeof rules.criteria) =>
      Object.fromEntries(
        list.map((c) => {
          const xs = all.filter((r) => !r.abstain && typeof r.scores[c.key] === 'number').map((r) => r.scores[c.key]!);
          return [c.key, { mean: round(mean(xs)), median: median(xs) }];
        }),
      );
    const totals = mine.map((r) => r.total);
    const spread = totals.length ? Math.max(...totals) - Math.min(...totals) : null;
    return {
      s,
      submissionId: s.id,
      rawMean: round(mean(totals)),
      normalisedScore: round(mean(mine.map((r) => norm.get(`${r.jurorId}|${s.id}`)!))),
      perCriterion: crit(counted),
      independent: crit(rules.criteria.filter((c) => c.independent)),
      spread: round(spread),
      // Jurors more than 40 % of the scale apart: the jury should talk about it.
      controversial: spread !== null && totals.length > 1 && spread >= 0.4 * (scaleMax - scaleMin),
      reviewCount: mine.length,
      abstentions: all.filter((r) => r.abstain).length,
    };
  });

  const order = (by: 'raw' | 'normalised') => {
    const key = (x: (typeof base)[number]) => (by === 'raw' ? x.rawMean : x.normalisedScore);
    const breaker = (x: (typeof base)[number]) =>
      rules.tieBreak === 'criterion'
        ? (x.perCriterion[rules.tieBreakCriterion ?? '']?.mean ??
          x.independent[rules.tieBreakCriterion ?? '']?.mean ??
          -Infinity)
        : rules.tieBreak === 'normalised'
          ? ((by === 'raw' ? x.normalisedScore : x.rawMean) ?? -Infinity)
          : -x.s.submittedAt.getTime();
    return [...base].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === null || kb === null)
        return ka === kb ? (a.submissionId < b.submissionId ? -1 : 1) : ka === null ? 1 : -1;
      return kb - ka || breaker(b) - breaker(a) || (a.submissionId < b.submissionId ? -1 : 1);
    });
  };

  const select = (ranked: typeof base) => {
    const chosen = new Map<string, { amountCents: number | null; fundedOrder: number }>();
    let spent = 0;
    const limit = rules.places ?? Infinity;
    const slots = rules.tiers.flatMap((t) => Array.from({ length: t.count }, () => t.amountCents));
    for (const x of ranked) {
      if (x.rawMean === null || chosen.size >= limit) continue;
      if (slots.length) {
        const amount = slots[chosen.size];
        if (amount === undefined) break;
        if (rules.budgetCents !== null && spent + amount > rules.budgetCents) break;
        spent += amount;
        chosen.set(x.submissionId, { amountCents: amount, fundedOrder: chosen.size + 1 });
      } else if (rules.budgetCents !== null) {
        // Budget without tiers: down the ranking, funding what still fits (a cheaper project
        // further down may be funded when a dearer one above it no longer fits).
        const amount = x.s.requestedCents ?? 0;
        if (spent + amount > rules.budgetCents) continue;
        spent += amount;
        chosen.set(x.submissionId, { amountCents: amount, fundedOrder: chosen.size + 1 });
      } else if (rules.places !== null) {
        chosen.set(x.submissionId, { amountCents: null, fundedOrder: chosen.size + 1 });
      }
    }
    return { chosen, spent };
  };

  const ranked = order(rules.rankBy);
  const { chosen, spent } = select(ranked);
  const other = select(order(rules.rankBy === 'raw' ? 'normalised' : 'raw')).chosen;
  const rawSel = rules.rankBy === 'raw' ? chosen : other;
  const normSel = rules.rankBy === 'raw' ? other : chosen;
  const keyOf = (x: (typeof base)[number]) => (rules.rankBy === 'raw' ? x.rawMean : x.normalisedScore);
  const items: ResultItem[] = ranked.map((x, i) => {
    const k = keyOf(x);
    const tied =
      k !== null &&
      [ranked[i - 1], ranked[i + 1]].some(
        (y) => y !== undefined && keyOf(y) !== null && Math.abs(keyOf(y)! - k) < 1e-9,
      );
    const { s: _s, ...rest } = x;
    return {
      ...rest,
      rank: i + 1,
      tied,
      selected: chosen.has(x.submissionId),
      amountCents: chosen.get(x.submissionId)?.amountCents ?? null,
      fundedOrder: chosen.get(x.submissionId)?.fundedOrder ?? null,
    };
  });
  const lastIn = [...items].reverse().find((x) => x.selected);
  const firstOut = items.find((x) => !x.selected && x.rawMean !== null && lastIn && x.rank > lastIn.rank);
  const cutLineTie =
    !!lastIn &&
    !!firstOut &&
    keyOf(base.find((b) => b.submissionId === lastIn.submissionId)!) ===
      keyOf(base.find((b) => b.submissionId === firstOut.submissionId)!);
  return {
    items,
    normalisation,
    cutLineTie,
    selectionDiffers: {
      onlyRaw: [...rawSel.keys()].filter((id) => !normSel.has(id)).sort(),
      onlyNormalised: [...normSel.keys()].filter((id) => !rawSel.has(id)).sort(),
    },
    totalAwardedCents: spent,
  };
}
