import ceilings from './volunteer-ceilings.json' with { type: 'json' };
import { currentLocale, msg, type Msg } from '../web/i18n.js';
import { formatEur } from '../web/money.js';
import { formatDay } from '../events/format.js';

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

/** A warning as a catalogue message: rendered in the reader's language, with its key and parameters for clients. */
export interface Warning {
  code: string;
  message: Msg;
}

/** A day (YYYY-MM-DD) as the reader writes it: "2 mai 2026", "2 mei 2026", "2 May 2026". */
const dayText = (day: string) => formatDay(day, currentLocale(), 'long');

/** Warnings for a volunteer's allowances of a year, given the total per day. */
export function allowanceWarnings(year: number, perDay: { day: string; cents: number }[]): Warning[] {
  const ceiling = ceilingFor(year);
  if (!ceiling)
    return [
      {
        code: 'volunteer.ceiling_unknown',
        message: msg('expenses.warning.ceilingUnknown', { year: String(year) }),
      },
    ];
  const out: Warning[] = [];
  for (const d of perDay)
    if (d.cents > ceiling.dailyCents)
      out.push({
        code: 'volunteer.daily_ceiling',
        message: msg('expenses.warning.dailyCeiling', {
          day: dayText(d.day),
          amount: formatEur(d.cents, currentLocale()),
          ceiling: formatEur(ceiling.dailyCents, currentLocale()),
          year: String(year),
        }),
      });
  const total = perDay.reduce((s, d) => s + d.cents, 0);
  if (total > ceiling.yearlyCents)
    out.push({
      code: 'volunteer.yearly_ceiling',
      message: msg('expenses.warning.yearlyCeiling', {
        year: String(year),
        amount: formatEur(total, currentLocale()),
        ceiling: formatEur(ceiling.yearlyCents, currentLocale()),
      }),
    });
  return out;
}
