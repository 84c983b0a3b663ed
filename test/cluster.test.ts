import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN, adminToken, crowd, freePort, listRegistrations, makeEvent } from './support/crowd.js';
import { type Place, testPlace } from './support/place.js';
import { startServer, type RunningServer } from './support/server.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';

// Embedded leg: the first process owns an embedded PostgreSQL and the others reach it by
// DATABASE_URL, as other machines would. PostgreSQL leg: every process on one database of
// TEST_DATABASE_URL.
let shared: Place;
let workers: Place;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
  shared = await testPlace('cluster');
  workers = await testPlace('cluster-workers');
});
afterAll(async () => {
  await smtp.close();
  await shared?.close();
  await workers?.close();
});

it('three serve processes on one database: exact seats, the waitlist in order, each mail sent once', async () => {
  const first = await startServer({ ...shared.env, SMTP_URL: smtp.url, ...ADMIN });
  const servers: RunningServer[] = [first];
  try {
    const others = { ...shared.env, DATABASE_URL: shared.databaseUrl(), SMTP_URL: smtp.url };
    servers.push(await startServer(others), await startServer(others));
    const token = await adminToken(first.url);
    const eventId = await makeEvent(first.url, token, 30);
    const already = smtp.received.length;
    const emails = Array.from({ length: 240 }, (_, i) => `spread${i}@example.org`);
    // Request i goes to process i % 3: every process batches its share and competes for the seats.
    const outcomes = await crowd(
      servers.map((s) => s.url),
      eventId,
      emails,
      30,
    );
    expect(outcomes.filter((o) => o.status !== 201)).toEqual([]);

    const listed = await listRegistrations(servers[1]!.url, token, eventId);
    expect(listed).toHaveLength(240);
    expect(listed.filter((r) => r.status === 'confirmed')).toHaveLength(30);
    // Arrival order: the first 30 in queue order hold the seats, everyone after waits.
    expect(listed.slice(0, 30).every((r) => r.status === 'confirmed')).toBe(true);
    expect(listed.slice(30).every((r) => r.status === 'waitlisted')).toBe(true);

    // Three mail workers on one outbox: each person gets exactly one message, none twice.
    await smtp.waitFor(already + 240, 90_000);
    await new Promise((r) => setTimeout(r, 3000));
    const perRecipient = new Map<string, number>();
    for (const mail of smtp.received.slice(already)) {
      const to = (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';
      if (to.startsWith('spread')) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    }
    expect(perRecipient.size).toBe(240);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
  } finally {
    // The embedded server's owner last: the others are its clients.
    for (const s of servers.slice(1)) expect(await s.stop()).toBe(0);
    expect(await first.stop()).toBe(0);
  }
}, 240_000);

it('serve --workers 3 shares one port; SIGHUP replaces the workers during a burst with no 5xx and nothing lost', async () => {
  const metricsPort = await freePort();
  const server = await startServer({ ...workers.env, METRICS_ADDRESS: `127.0.0.1:${metricsPort}`, ...ADMIN }, [
    '--workers',
    '3',
  ]);
  try {
    expect(server.output()).toMatch(
      workers.leg === 'embedded'
        ? /listening on http:\/\/127\.0\.0\.1:\d+ \(embedded PostgreSQL in .*, 3 processes\)/
        : /listening on http:\/\/127\.0\.0\.1:\d+ \(127\.0\.0\.1:\d+\/essaim_t_\w+, 3 processes\)/,
    );
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const token = await adminToken(server.url);
    const eventId = await makeEvent(server.url, token, 20);
    const emails = Array.from({ length: 300 }, (_, i) => `rolling${i}@example.org`);
    let hupped = false;
    const outcomes = await crowd([server.url], eventId, emails, 20, (done) => {
      if (done === 40 && !hupped) {
        hupped = true;
        server.child.kill('SIGHUP');
      }
    });
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    for (let i = 0; i < 1200 && !server.output().includes('rolling restart done'); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).toContain('SIGHUP: replacing 3 workers one at a time');
    expect(server.output()).toContain('rolling restart done');

    // Those refused while a worker closed its connections come back, as a browser would retry.
    const retried = await crowd(
      [server.url],
      eventId,
      outcomes.filter((o) => o.status === 0).map((o) => o.email),
      5,
    );
    expect(retried.filter((o) => o.status !== 201 && o.status !== 200)).toEqual([]);
    const listed = await listRegistrations(server.url, token, eventId);
    expect(listed).toHaveLength(300);
    expect(listed.filter((r) => r.status === 'confirmed')).toHaveLength(20);
    const kept = new Set(listed.map((r) => r.email));
    expect(outcomes.filter((o) => o.status === 201 && !kept.has(o.email))).toEqual([]);

    // One scrape of the primary's METRICS_ADDRESS covers every worker: 30 more registrations,
    // spread round-robin over the three current workers, are all counted in it.
    const more = await crowd(
      [server.url],
      eventId,
      Array.from({ length: 30 }, (_, i) => `after${i}@example.org`),
      5,
    );
    expect(more.every((o) => o.status === 201)).toBe(true);
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const counted = [...text.matchAll(/^essaim_http_request_duration_seconds_count\{([^}]*)\} (\d+)$/gm)]
      .filter(
        ([, labels]) =>
          labels!.includes('route="/api/v1/events/:id/registrations"') && labels!.includes('method="POST"'),
      )
      .reduce((n, m) => n + Number(m[2]), 0);
    expect(counted).toBeGreaterThanOrEqual(30);
    expect(text).toMatch(/^essaim_queue_depth\{queue="mail",status="held"\} \d+$/m);
  } finally {
    expect(await server.stop()).toBe(0);
  }
  expect(server.output()).not.toMatch(/Cannot use a pool|unexpected error/);
}, 240_000);
