import type { Tx } from '../db/connection.js';
import type { RegistrationRow } from './queries.js';
import * as q from './queries.js';

// Waitlist places, read apart from the service so the registration queue (register.ts) uses them too.

/** 1-based places in an event's waitlist (rank by arrival among those still waiting), in one query. */
export async function waitlistPositions(
  db: Tx,
  eventId: string,
  regs: RegistrationRow[],
): Promise<Map<string, number>> {
  const waiting = regs.filter((r) => r.status === 'waitlisted');
  if (waiting.length === 0) return new Map();
  return q.selectWaitlistPositions(
    db,
    eventId,
    waiting.map((r) => r.id),
  );
}

export async function waitlistPosition(db: Tx, reg: RegistrationRow): Promise<number | undefined> {
  return (await waitlistPositions(db, reg.eventId, [reg])).get(reg.id);
}
