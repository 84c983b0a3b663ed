import { describe, expect, it } from 'vitest';
import { allowanceWarnings, ceilingFor } from './allowances.js';

describe('volunteer allowance ceilings, per year', () => {
  it('holds the published Belgian ceilings of each year, each with its source', () => {
    expect(ceilingFor(2024)).toMatchObject({ dailyCents: 4148, yearlyCents: 165_929 });
    expect(ceilingFor(2025)).toMatchObject({ dailyCents: 4231, yearlyCents: 169_251 });
    expect(ceilingFor(2026)).toMatchObject({ dailyCents: 4402, yearlyCents: 176_083 });
    for (const y of [2023, 2024, 2025, 2026]) expect(ceilingFor(y)?.source).toMatch(/EUR a day/);
    expect(ceilingFor(2040)).toBeUndefined();
  });

  it('warns at 2026’s daily and yearly ceilings, to the cent', () => {
    const days = (n: number, cents: number) =>
      Array.from({ length: n }, (_, i) => ({
        day: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
        cents,
      }));
    expect(allowanceWarnings(2026, [{ day: '2026-03-01', cents: 4402 }])).toEqual([]);
    expect(allowanceWarnings(2026, [{ day: '2026-03-01', cents: 4403 }]).map((w) => w.code)).toEqual([
      'volunteer.daily_ceiling',
    ]);
    // 40 days at the daily ceiling: 1 760,80 EUR, just under the yearly 1 760,83; three cents more crosses it.
    expect(allowanceWarnings(2026, days(40, 4402))).toEqual([]);
    expect(allowanceWarnings(2026, [...days(40, 4402), { day: '2026-03-15', cents: 4 }]).map((w) => w.code)).toEqual([
      'volunteer.yearly_ceiling',
    ]);
    expect(allowanceWarnings(2031, [{ day: '2031-01-01', cents: 1 }]).map((w) => w.code)).toEqual([
      'volunteer.ceiling_unknown',
    ]);
  });
});
