import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.js';
import type { Database } from '../db/connection.js';
import { ensureDefaultNetwork, type Network } from '../networks/service.js';
import { loadDemo } from './service.js';

/** The demo's calls: a past coworking call judged in two stages, and an open call for talks feeding a programme. */
let database: Database;
let network: Network;
const rows = async (sql: string, params: unknown[] = []) => (await database.pool.query(sql, params)).rows;

beforeAll(async () => {
  database = await createTestDatabase();
  network = await ensureDefaultNetwork(database.db, 'Demo network');
  await loadDemo(database.db, network);
}, 600_000);
afterAll(() => database.close());

it('runs the past coworking call: 18 submissions, two stages, a jury of five with two declared conflicts, 8 laureates in two tiers', async () => {
  const [call] = await rows(`SELECT id FROM calls WHERE slug = 'appel-coworking-2026'`);
  expect((await rows(`SELECT 1 FROM submissions WHERE call_id = $1 AND status = 'submitted'`, [call.id])).length).toBe(
    18,
  );
  const stages = await rows(`SELECT id, position, closed_at FROM call_stages WHERE call_id = $1 ORDER BY position`, [
    call.id,
  ]);
  expect(stages.map((s) => s.position)).toEqual([1, 2]);
  expect(stages.every((s) => s.closed_at !== null)).toBe(true);
  expect((await rows(`SELECT DISTINCT email FROM call_jurors WHERE call_id = $1`, [call.id])).length).toBe(5);
  const declared = await rows(
    `SELECT 1 FROM conflicts WHERE stage_id = $1 AND source = 'declared' AND level = 'hard'`,
    [stages[0].id],
  );
  expect(declared.length).toBe(2);
  const accepted = await rows(
    `SELECT amount_cents FROM decisions WHERE stage_id = $1 AND outcome = 'accepted' AND status = 'sent' ORDER BY amount_cents DESC`,
    [stages[1].id],
  );
  expect(accepted.map((d) => d.amount_cents)).toEqual([
    10_000_000, 10_000_000, 10_000_000, 10_000_000, 5_000_000, 5_000_000, 5_000_000, 5_000_000,
  ]);
  expect(
    (await rows(`SELECT 1 FROM decisions WHERE stage_id = $1 AND outcome = 'advanced'`, [stages[0].id])).length,
  ).toBe(12);
});

it('has an open call for talks whose confirmed talks are on the next Charleroi IT day’s programme', async () => {
  const [call] = await rows(`SELECT id, event_id, closes_at FROM calls WHERE slug = 'orateurs-it-day-charleroi'`);
  expect(new Date(call.closes_at).getTime()).toBeGreaterThan(Date.now());
  const sessions = await rows(`SELECT title, room_id FROM event_sessions WHERE event_id = $1 ORDER BY starts_at`, [
    call.event_id,
  ]);
  expect(sessions.map((s) => s.title).sort()).toEqual([
    'Accessibility audits in one afternoon',
    'Rust à la périphérie',
  ]);
  expect(sessions.every((s) => s.room_id !== null)).toBe(true);
});
