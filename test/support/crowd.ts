import { expect } from 'vitest';

/** Helpers for tests that drive a running `essaim serve` (or several) over HTTP. */

export const ADMIN = { ESSAIM_ADMIN_EMAIL: 'ops-admin@example.org', ESSAIM_ADMIN_PASSWORD: 'ops-test-password-123' };

export async function adminToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.ESSAIM_ADMIN_EMAIL, password: ADMIN.ESSAIM_ADMIN_PASSWORD, name: 'ops test' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function post(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

let events = 0;
/** A published online event with `capacity` seats and a waitlist, in a chapter of its own. */
export async function makeEvent(url: string, token: string, capacity: number): Promise<string> {
  const n = ++events;
  const slug = `ops-${n}-${Date.now().toString(36)}`;
  const chapter = await post(`${url}/api/v1/chapters`, token, { name: slug, city: 'Namur', status: 'active' });
  expect(chapter.status).toBe(201);
  const starts = new Date(Date.now() + (30 + n) * 86_400_000);
  const res = await post(`${url}/api/v1/chapters/${(await chapter.json()).slug}/events`, token, {
    title: `Crowd ${n}`,
    startsAt: starts.toISOString(),
    endsAt: new Date(starts.getTime() + 7_200_000).toISOString(),
    capacity,
    waitlist: true,
    onlineUrl: 'https://meet.example.org/ops',
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

export interface Outcome {
  email: string;
  status: number;
  error?: string;
}

/** Registers `emails` with `concurrency` in flight, spreading requests over `urls`; never throws. */
export async function crowd(
  urls: string[],
  eventId: string,
  emails: string[],
  concurrency: number,
  onAnswer?: (done: number) => void,
): Promise<Outcome[]> {
  const out: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < emails.length) {
      const i = next++;
      const email = emails[i]!;
      const url = urls[i % urls.length]!;
      try {
        const res = await fetch(`${url}/api/v1/events/${eventId}/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: email.split('@')[0], email }),
        });
        await res.arrayBuffer();
        out.push({ email, status: res.status });
      } catch (err) {
        out.push({ email, status: 0, error: String((err as Error).cause ?? (err as Error).message) });
      }
      onAnswer?.(out.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

/** The event's registrations in arrival order, from the organisers' CSV export. */
export async function listRegistrations(
  url: string,
  token: string,
  eventId: string,
): Promise<{ email: string; status: string }[]> {
  const res = await fetch(`${url}/api/v1/events/${eventId}/registrations?format=csv`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const lines = (await res.text()).trim().split('\r\n').slice(1);
  return lines.map((l) => {
    const [, email, status] = l.split(',');
    return { email: email!, status: status! };
  });
}

/** A port free right now on 127.0.0.1 (the OS picks it; nothing fixed). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
