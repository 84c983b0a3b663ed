import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';

/**
 * Test and benchmark helper: writes a registration as it stood at given instants (made,
 * cancelled, checked in, consent), which the public API cannot do for events in the past.
 */
export async function insertRegistration(
  pool: Pool,
  r: {
    networkId: string;
    eventId: string;
    name: string;
    email: string;
    status?: 'confirmed' | 'waitlisted' | 'cancelled';
    createdAt: string;
    checkedInAt?: string;
    cancelledAt?: string;
    sharedAt?: string;
  },
): Promise<string> {
  const res = await pool.query<{ id: string }>(
    `INSERT INTO registrations (network_id, event_id, name, email, status, queue_no, secret, check_in_code, created_at, checked_in_at, cancelled_at, shared_with_venue_at)
     VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      r.networkId,
      r.eventId,
      r.name,
      r.email,
      r.status ?? 'confirmed',
      randomBytes(16).toString('hex'),
      randomBytes(6).toString('hex'),
      r.createdAt,
      r.checkedInAt ?? null,
      r.cancelledAt ?? null,
      r.sharedAt ?? null,
    ],
  );
  return res.rows[0]!.id;
}
