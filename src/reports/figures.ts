/**
 * Ratios of the figures, defined once (docs/FIGURES.md): each returns null when its denominator
 * is zero, shown as "—" — never 0 or infinity.
 */
export const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Cents divided by people, rounded half up to the cent; null when nobody. */
export const centsPer = (cents: number, people: number): number | null =>
  people > 0 ? Math.sign(cents) * Math.floor((2 * Math.abs(cents) + people) / (2 * people)) + 0 : null;

export interface Counts {
  events: number;
  cancelledEvents: number;
  registered: number;
  attended: number;
  doorAdditions: number;
  noShows: number;
  noShowRate: number | null;
  costCents: number;
  pendingCostCents: number;
  costPerAttendeeCents: number | null;
  costPerRegistrationCents: number | null;
}

/** Sums per-event rows into the counts of a group (a year, a chapter, a month). */
export function countsOf(
  rows: {
    status: string;
    registered: number;
    attended: number;
    door: number;
    registered_attended: number;
    cost_cents: number;
    pending_cost_cents: number;
  }[],
): Counts {
  const held = rows.filter((r) => r.status !== 'cancelled');
  const sum = (f: (r: (typeof rows)[number]) => number, of = held) => of.reduce((s, r) => s + f(r), 0);
  const registered = sum((r) => r.registered);
  const attended = sum((r) => r.attended);
  const noShows = registered - sum((r) => r.registered_attended);
  // Cancelled events keep their costs: they are counted in the money, not in the attendance.
  const costCents = sum((r) => r.cost_cents, rows);
  return {
    events: held.length,
    cancelledEvents: rows.length - held.length,
    registered,
    attended,
    doorAdditions: sum((r) => r.door),
    noShows,
    noShowRate: ratio(noShows, registered),
    costCents,
    pendingCostCents: sum((r) => r.pending_cost_cents, rows),
    costPerAttendeeCents: centsPer(costCents, attended),
    costPerRegistrationCents: centsPer(costCents, registered),
  };
}

/** Co-financing of a grant: what may be claimed from the eligible costs, and how much is used. */
export function grantFigures(
  g: { amountGrantedCents: number; rateBp: number },
  totalEligibleCents: number,
  chargedCents: number,
) {
  // rate × eligible, rounded down to the cent: a funder never pays a fraction of a cent more.
  const rateOfEligible = Math.floor((Math.max(totalEligibleCents, 0) * g.rateBp) / 10_000);
  const claimableCents = Math.min(g.amountGrantedCents, rateOfEligible);
  return {
    totalEligibleCents,
    chargedCents,
    rateOfEligibleCents: rateOfEligible,
    claimableCents,
    coverage: ratio(g.amountGrantedCents, totalEligibleCents),
    consumption: ratio(chargedCents, g.amountGrantedCents),
    rateReached: ratio(claimableCents, totalEligibleCents),
  };
}
