import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { queueWrittenMails } from './outbox.js';
import { startMailWorker } from './worker.js';

// The worker gives way to a flash crowd of registrations (docs/DECISIONS.md, "The flash crowd on
// one core"), never for ever, and a stopping server does not wait for the whole outbox.

let t: TestApp;
beforeAll(async () => {
  // No SMTP_URL: a message the worker handles becomes `held`, one it leaves stays `pending`.
  t = await startTestApp({ smtpUrl: undefined });
});
afterAll(() => t.close());

const quiet = { info: () => undefined, error: () => undefined };
const statuses = async (kind: string) =>
  Object.fromEntries(
    (
      await t.database.pool.query(
        `SELECT status, count(*)::int AS n FROM outbound_messages WHERE kind = $1 GROUP BY status`,
        [kind],
      )
    ).rows.map((r) => [r.status, r.n]),
  );
const queue = (kind: string, n: number) =>
  queueWrittenMails(
    t.database.db,
    Array.from({ length: n }, (_, i) => ({
      networkId: t.network.id,
      kind,
      toEmail: `${kind}-${i}@example.org`,
      toName: `Reader ${i}`,
      locale: 'en',
      subject: 'Hello',
      textBody: 'Hello',
      htmlBody: '<p>Hello</p>',
      headers: {},
    })),
  );

describe('the mail worker during a burst of registrations', () => {
  it('leaves the outbox alone while the burst lasts, and handles every message once it is over', async () => {
    await queue('test.burst', 3);
    let busy = true;
    const worker = startMailWorker(t.database.db, t.config, quiet, { busy: () => busy });
    try {
      await worker.tick();
      expect(await statuses('test.burst')).toEqual({ pending: 3 });
      busy = false;
      await worker.tick();
      expect(await statuses('test.burst')).toEqual({ held: 3 });
    } finally {
      await worker.stop();
    }
  });

  it('gives way for at most maxDeferMs: a burst that never ends does not hold the mail back', async () => {
    await queue('test.endless', 2);
    const worker = startMailWorker(t.database.db, t.config, quiet, { busy: () => true, maxDeferMs: 200 });
    try {
      await worker.tick();
      expect(await statuses('test.endless')).toEqual({ pending: 2 });
      await new Promise((r) => setTimeout(r, 250));
      await worker.tick();
      expect(await statuses('test.endless')).toEqual({ held: 2 });
    } finally {
      await worker.stop();
    }
  });

  it('stops after the message in hand: the rest wait in the outbox for the next start', async () => {
    await queue('test.stop', 120);
    const worker = startMailWorker(t.database.db, t.config, quiet);
    const round = worker.tick();
    await worker.stop();
    await round;
    // It used to go on until the outbox was empty (90 s after a 7,000-person crowd).
    expect(await statuses('test.stop')).toEqual({ held: 1, pending: 119 });
  });
});
