import type { CallCreate } from './schemas.js';

/** Texts in the three languages for tests and the demo. */
export const tri = (s: string) => ({ fr: `${s} (fr)`, nl: `${s} (nl)`, en: s });
const scale5 = [1, 2, 3, 4, 5].map((v) => ({
  value: v,
  label: tri(['weak', 'fair', 'good', 'very good', 'excellent'][v - 1]!),
}));

/** A minimal valid call: open now for a week unless told otherwise. */
export function makeCall(
  overrides: Partial<Omit<CallCreate, 'rules'>> & { rules?: Partial<CallCreate['rules']> } = {},
) {
  const { rules, ...rest } = overrides;
  return {
    kind: 'projects' as const,
    title: tri('Coworking call'),
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    stages: [{ name: 'Selection', blind: true }],
    ...rest,
    rules: {
      eligibility: [{ key: 'public_partner', label: tri('The consortium includes a public partner'), hardGate: true }],
      fields: [
        { key: 'summary', kind: 'long_text' as const, label: tri('Summary'), required: true, maxLength: 5000 },
        {
          key: 'amount',
          kind: 'amount' as const,
          label: tri('Amount requested'),
          required: false,
          requestedAmount: true,
        },
        { key: 'plan', kind: 'file' as const, label: tri('Business plan'), required: false },
      ],
      criteria: [
        { key: 'impact', label: tri('Impact'), weight: 2, scale: scale5, independent: false },
        { key: 'feasibility', label: tri('Feasibility'), weight: 1, scale: scale5, independent: false },
        { key: 'fit', label: tri('Fits the network'), weight: 1, scale: scale5, independent: true },
      ],
      places: null,
      budgetCents: 60_000_000,
      tiers: [
        { count: 4, amountCents: 10_000_000 },
        { count: 4, amountCents: 5_000_000 },
      ],
      tieBreak: 'criterion' as const,
      tieBreakCriterion: 'impact',
      rankBy: 'raw' as const,
      reviewsPerSubmission: 3,
      ...rules,
    },
  };
}
