import { findGrant, type GrantRow } from '../budgets/service.js';
import { splitEqually } from '../web/money.js';
import type { Tx } from '../db/connection.js';
import { findEvent } from '../events/service.js';
import type { Network } from '../networks/service.js';
import { AppError, type FieldError } from '../web/errors.js';

export interface Line {
  chapterId: string | null;
  amountCents: number;
  category: string;
  incurredOn: string;
}

const sameSign = (a: number, b: number) => a === 0 || Math.sign(a) === Math.sign(b);

/**
 * Checks and resolves how an expense is shared between events and grants. Event shares add up
 * exactly to the amount (omitted amounts: an equal split, the odd cents to the first events);
 * each grant funds at most the whole line and all grants together too; a grant only funds its
 * eligible categories, within its period and, for a chapter's grant, that chapter's expenses.
 * Every refusal names the field.
 */
export async function resolveAllocation(
  db: Tx,
  network: Network,
  line: Line,
  events: { eventId: string; amountCents?: number }[],
  grants: { grantId: string; amountCents: number }[],
): Promise<{ events: { eventId: string; amountCents: number }[]; grants: { grantId: string; amountCents: number }[] }> {
  const errors: FieldError[] = [];
  const given = events.filter((e) => e.amountCents !== undefined).length;
  if (given !== 0 && given !== events.length)
    errors.push({ field: 'events', message: 'give an amount for every event, or for none (an equal split)' });
  if (new Set(events.map((e) => e.eventId)).size !== events.length)
    errors.push({ field: 'events', message: 'names the same event twice' });
  if (new Set(grants.map((g) => g.grantId)).size !== grants.length)
    errors.push({ field: 'grants', message: 'names the same grant twice' });
  const split = given === 0 ? splitEqually(line.amountCents, events.length) : events.map((e) => e.amountCents!);
  const eventShares = events.map((e, i) => ({ eventId: e.eventId, amountCents: split[i]! }));
  if (events.length) {
    const sum = eventShares.reduce((s, e) => s + e.amountCents, 0);
    if (sum !== line.amountCents)
      errors.push({ field: 'events', message: `shares add up to ${sum} cents, not the amount of ${line.amountCents}` });
    eventShares.forEach((e, i) => {
      if (!sameSign(e.amountCents, line.amountCents))
        errors.push({ field: `events.${i}.amountCents`, message: 'must have the sign of the amount' });
    });
  }
  for (const [i, share] of eventShares.entries()) {
    const event = await findEvent(db, network, share.eventId).catch(() => undefined);
    if (!event) errors.push({ field: `events.${i}.eventId`, message: 'is not an event of this network' });
    else if (line.chapterId !== null && event.chapterId !== line.chapterId)
      errors.push({ field: `events.${i}.eventId`, message: "is an event of another chapter than the expense's" });
  }
  const found: (GrantRow | undefined)[] = [];
  for (const g of grants) found.push(await findGrant(db, network, g.grantId).catch(() => undefined));
  for (const [i, g] of grants.entries()) {
    const grant = found[i];
    const field = `grants.${i}`;
    if (!grant) {
      errors.push({ field: `${field}.grantId`, message: 'is not a grant of this network' });
      continue;
    }
    if (!grant.eligibleCategories.includes(line.category))
      errors.push({
        field: `${field}.grantId`,
        message: `${grant.funder} does not fund the category "${line.category}"`,
      });
    if (line.incurredOn < grant.periodStart || line.incurredOn > grant.periodEnd)
      errors.push({
        field: `${field}.grantId`,
        message: `the expense date is outside the grant period ${grant.periodStart} – ${grant.periodEnd}`,
      });
    if (grant.chapterId !== null && grant.chapterId !== line.chapterId)
      errors.push({ field: `${field}.grantId`, message: `${grant.funder} funds another chapter's expenses` });
    if (!sameSign(g.amountCents, line.amountCents))
      errors.push({ field: `${field}.amountCents`, message: 'must have the sign of the amount' });
    if (Math.abs(g.amountCents) > Math.abs(line.amountCents))
      errors.push({ field: `${field}.amountCents`, message: 'a grant may fund at most 100 % of the line' });
  }
  const granted = grants.reduce((s, g) => s + g.amountCents, 0);
  if (grants.length > 1 && Math.abs(granted) > Math.abs(line.amountCents))
    errors.push({
      field: 'grants',
      message: `grants together fund ${granted} cents, more than the line's ${line.amountCents}`,
    });
  if (errors.length) throw new AppError('validation', 'The allocation of this expense is not valid.', errors);
  return { events: eventShares, grants };
}
