import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { startServer, tempDataDir } from './support/server.js';
import { startSmtp } from './support/smtp.js';

const dataDir = tempDataDir('mail-restart');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it('keeps e-mails through an SMTP outage and a server restart, and sends each once', async () => {
  // A port where no mail server listens yet.
  const probe = await startSmtp();
  const port = probe.port;
  await probe.close();
  const env = {
    ESSAIM_DATA_DIR: dataDir,
    ESSAIM_ADMIN_EMAIL: 'admin@example.org',
    ESSAIM_ADMIN_PASSWORD: 'mail-restart-password',
    SMTP_URL: `smtp://127.0.0.1:${port}`,
  };

  const first = await startServer(env);
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${first.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };
  const token = (
    await post('/api/v1/auth/tokens', { email: env.ESSAIM_ADMIN_EMAIL, password: env.ESSAIM_ADMIN_PASSWORD, name: 't' })
  ).body.token!;
  await post('/api/v1/chapters', { name: 'Charleroi', city: 'Charleroi', status: 'active' }, token);
  const start = new Date(Date.now() + 7 * 86_400_000);
  const event = (
    await post(
      '/api/v1/chapters/charleroi/events',
      {
        title: 'IT day',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
        capacity: 10,
        onlineUrl: 'https://meet.example.org/x',
      },
      token,
    )
  ).body;
  for (const name of ['ada', 'bob', 'cy'])
    expect(
      (await post(`/api/v1/events/${event.id}/registrations`, { name, email: `${name}@example.org` })).status,
    ).toBe(201);
  // The worker has tried and failed (connection refused); the messages wait in the outbox.
  await new Promise((r) => setTimeout(r, 1500));
  expect(await first.stop()).toBe(0);

  const smtp = await startSmtp(port);
  const second = await startServer(env);
  try {
    const received = await smtp.waitFor(3, 20_000);
    expect(received.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address).sort()).toEqual([
      'ada@example.org',
      'bob@example.org',
      'cy@example.org',
    ]);
    // Nothing more arrives: each message was sent once.
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.received).toHaveLength(3);
  } finally {
    await second.stop();
    await smtp.close();
  }
}, 120_000);
