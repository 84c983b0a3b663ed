// What the flash crowd's batch reading costs PostgreSQL once an event is full: fills a 50-seat
// event with 7,000 registrations through the API (as bench:flash does), then times, on the
// embedded PostgreSQL, the two parts of `selectBatch` (registrations/batch-queries.ts) that read
// the whole event — the counts, and the waiting-list place of 100 repeated addresses — and prints
// their plans (EXPLAIN ANALYZE, BUFFERS). A diagnosis, not a benchmark with a target.
// Run: npm run build && node bench/flash-batch-reads.mjs
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startBenchServer } from './support.mjs';

const PEOPLE = 7_000;
const server = await startBenchServer({
  label: 'batch-reads',
  admin: { email: 'batch-reads@example.org', password: 'batch-reads-bench-password' },
  sockets: 100,
  abortAfterMs: 600_000,
});
try {
  const api = async (method, url, body) =>
    (await server.must(method, url, { body, token: server.token }, method === 'POST' ? 201 : 200)).json;
  const venue = await api('POST', '/api/v1/venues', {
    name: 'Hub',
    city: 'Namur',
    rooms: [{ name: 'Main', capacity: 50 }],
  });
  const chapter = await api('POST', '/api/v1/chapters', { name: 'Reads', city: 'Namur', status: 'active' });
  const startsAt = new Date(Date.now() + 365 * 86_400_000);
  const event = await api('POST', `/api/v1/chapters/${chapter.slug}/events`, {
    title: 'Reads',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    venue: venue.slug,
    room: 'Main',
    capacity: 50,
  });
  let next = 0;
  await Promise.all(
    Array.from({ length: 100 }, async () => {
      while (next < PEOPLE) {
        const i = next++;
        await server.request('POST', `/api/v1/events/${event.id}/registrations`, {
          body: { name: `Person ${i}`, email: `person${i}@example.org` },
        });
      }
    }),
  );
  const port = fs.readFileSync(path.join(server.dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3];
  const { password } = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'secret.json'), 'utf8'));
  const db = new pg.Client({ host: '127.0.0.1', port: Number(port), user: 'essaim', password, database: 'essaim' });
  await db.connect();
  const emails = Array.from({ length: 100 }, (_, i) => `person${i * 70}@example.org`);
  const reads = {
    'counts of the event': [
      `SELECT count(*) FILTER (WHERE status = 'confirmed'), count(*) FILTER (WHERE status = 'waitlisted')
         FROM registrations WHERE event_id = $1`,
      [event.id],
    ],
    'waiting-list places of 100 repeated addresses': [
      `SELECT r.id, (SELECT count(*) FROM registrations w
                      WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.queue_no <= r.queue_no)
         FROM registrations r WHERE r.event_id = $1 AND r.email = ANY($2) AND r.status <> 'cancelled'`,
      [event.id, emails],
    ],
  };
  for (const [label, [sql, params]] of Object.entries(reads)) {
    const started = performance.now();
    for (let i = 0; i < 20; i++) await db.query(sql, params);
    console.log(`${label}: ${((performance.now() - started) / 20).toFixed(2)} ms a statement at ${PEOPLE} people`);
    const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    console.log(plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n'));
  }
  await db.end();
} finally {
  await server.stop();
}
