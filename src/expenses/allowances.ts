import ceilings from './volunteer-ceilings.json' with { type: 'json' };

export interface Ceiling {
  dailyCents: number;
  yearlyCents: number;
  /** Where the figures come from: each year's are published after indexation, in the Belgian press and by social secretariats. */
  source: string;
}

/**
 * The Belgian ceilings of volunteer allowances for a year, read from volunteer-ceilings.json
 * (data per year with its source, added each January without touching code); undefined when
 * the year is not recorded. The ceilings are those of the year the allowance is for.
 */
export function ceilingFor(year: number): Ceiling | undefined {
  const row = (ceilings as Record<string, unknown>)[String(year)];
  return row && typeof row === 'object' ? (row as Ceiling) : undefined;
}

export interface Warning {
  code: string;
  message: string;
}

/** Warnings for a volunteer's allowances of a year, given the total per day. */
export function allowanceWarnings(year: number, perDay: { day: string; cents: number }[]): Warning[] {
  const ceiling = ceilingFor(year);
  if (!ceiling)
    return [
      {
        code: 'volunteer.ceiling_unknown',
        message: `No volunteer allowance ceilings are recorded for ${year}: add them to volunteer-ceilings.json.`,
      },
    ];
  const out: Warning[] = [];
  for (const d of perDay)
    if (d.cents > ceiling.dailyCents)
      out.push({
        code: 'volunteer.daily_ceiling',
        message: `Allowances on ${d.day} (${d.cents} cents) exceed the daily ceiling of ${ceiling.dailyCents} cents for ${year}.`,
      });
  const total = perDay.reduce((s, d) => s + d.cents, 0);
  if (total > ceiling.yearlyCents)
    out.push({
      code: 'volunteer.yearly_ceiling',
      message: `Allowances in ${year} (${total} cents) exceed the yearly ceiling of ${ceiling.yearlyCents} cents.`,
    });
  return out;
}
