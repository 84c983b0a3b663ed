import { findGrant, type GrantRow } from '../budgets/service.js';
import { splitEqually } from '../web/money.js';
import type { Tx } from '../db/connection.js';
import { findEvent } from '../events/service.js';
import type { Network } from '../networks/service.js';
import { AppError, type FieldError } from '../web/errors.js';
import { msg } from '../web/i18n.js';

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
    errors.push({ field: 'events', message: msg('expenses.problem.amountsAllOrNone') });
  if (new Set(events.map((e) => e.eventId)).size !== events.length)
    errors.push({ field: 'events', message: msg('expenses.problem.eventTwice') });
  if (new Set(grants.map((g) => g.grantId)).size !== grants.length)
    errors.push({ field: 'grants', message: msg('expenses.problem.grantTwice') });
  const split = given === 0 ? splitEqually(line.amountCents, events.length) : events.map((e) => e.amountCents!);
  const eventShares = events.map((e, i) => ({ eventId: e.eventId, amountCents: split[i]! }));
  if (events.length) {
    const sum = eventShares.reduce((s, e) => s + e.amountCents, 0);
    if (sum !== line.amountCents)
      errors.push({ field: 'events', message: msg('expenses.problem.sharesSum', { sum, amount: line.amountCents }) });
    eventShares.forEach((e, i) => {
      if (!sameSign(e.amountCents, line.amountCents))
        errors.push({ field: `events.${i}.amountCents`, message: msg('expenses.problem.sign') });
    });
  }
  for (const [i, share] of eventShares.entries()) {
    const event = await findEvent(db, network, share.eventId).catch(() => undefined);
    if (!event)
      errors.push({ field: `events.${i}.eventId`, message: msg('validation.notInNetwork', { what: 'event' }) });
    else if (line.chapterId !== null && event.chapterId !== line.chapterId)
      errors.push({ field: `events.${i}.eventId`, message: msg('expenses.problem.otherChapter') });
  }
  const found: (GrantRow | undefined)[] = [];
  for (const g of grants) found.push(await findGrant(db, network, g.grantId).catch(() => undefined));
  for (const [i, g] of grants.entries()) {
    const grant = found[i];
    const field = `grants.${i}`;
    if (!grant) {
      errors.push({ field: `${field}.grantId`, message: msg('validation.notInNetwork', { what: 'grant' }) });
      continue;
    }
    if (!grant.eligibleCategories.includes(line.category))
      errors.push({
        field: `${field}.grantId`,
        message: msg('expenses.problem.funderCategory', { funder: grant.funder, category: line.category }),
      });
    if (line.incurredOn < grant.periodStart || line.incurredOn > grant.periodEnd)
      errors.push({
        field: `${field}.grantId`,
        message: msg('expenses.problem.period', { start: grant.periodStart, end: grant.periodEnd }),
      });
    if (grant.chapterId !== null && grant.chapterId !== line.chapterId)
      errors.push({
        field: `${field}.grantId`,
        message: msg('expenses.problem.funderChapter', { funder: grant.funder }),
      });
    if (!sameSign(g.amountCents, line.amountCents))
      errors.push({ field: `${field}.amountCents`, message: msg('expenses.problem.sign') });
    if (Math.abs(g.amountCents) > Math.abs(line.amountCents))
      errors.push({ field: `${field}.amountCents`, message: msg('expenses.problem.grantMax') });
  }
  const granted = grants.reduce((s, g) => s + g.amountCents, 0);
  if (grants.length > 1 && Math.abs(granted) > Math.abs(line.amountCents))
    errors.push({
      field: 'grants',
      message: msg('expenses.problem.grantsTogether', { granted, amount: line.amountCents }),
    });
  if (errors.length) throw new AppError('validation', msg('expenses.problem.allocation'), errors);
  return { events: eventShares, grants };
}
