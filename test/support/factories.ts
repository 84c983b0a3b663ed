import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './app.js';

// Minimal valid objects, made through the public API as a client would, with overrides. Each
// test file has a network of its own (startTestApp clones a fresh database), so names only need
// to be unique within a file: a counter sees to it.

let seq = 0;
const next = () => ++seq;

/** `d` days from now at `hour`:30 UTC: a stable time of day, whenever the suite runs. */
export function inDays(d: number, hour = 17): string {
  const x = new Date(Date.now() + d * 86_400_000);
  x.setUTCHours(hour, 30, 0, 0);
  return x.toISOString();
}

/** Exactly `d` days and `hours` hours from now. */
export const daysFromNow = (d: number, hours = 0): string =>
  new Date(Date.now() + d * 86_400_000 + hours * 3_600_000).toISOString();

async function created<T>(res: LightMyRequestResponse): Promise<T> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}

export interface Made {
  id: string;
  slug: string;
  name: string;
}

/** An active chapter; `token` is an admin's. */
export function makeChapter(t: TestApp, token: string, overrides: Record<string, unknown> = {}): Promise<Made> {
  const n = next();
  return t
    .api('POST', '/api/v1/chapters', {
      token,
      body: { name: `Chapter ${n}`, city: 'Charleroi', status: 'active', ...overrides },
    })
    .then((res) => created<Made>(res));
}

/** A venue with one room of 50 seats; `token` is an admin's. */
export function makeVenue(t: TestApp, token: string, overrides: Record<string, unknown> = {}): Promise<Made> {
  const n = next();
  return t
    .api('POST', '/api/v1/venues', {
      token,
      body: { name: `Venue ${n}`, city: 'Charleroi', rooms: [{ name: 'Main room', capacity: 50 }], ...overrides },
    })
    .then((res) => created<Made>(res));
}

export interface MadeEvent {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  status: string;
  capacity: number;
}

/** A published online event of the chapter a week ahead, 17:30–19:30 UTC, 20 seats and a waitlist. */
export function makeEvent(
  t: TestApp,
  token: string,
  chapterSlug: string,
  overrides: Record<string, unknown> = {},
): Promise<MadeEvent> {
  const n = next();
  return t
    .api('POST', `/api/v1/chapters/${chapterSlug}/events`, {
      token,
      body: {
        title: `Event ${n}`,
        startsAt: inDays(7),
        endsAt: inDays(7, 19),
        onlineUrl: 'https://meet.example.org/essaim',
        capacity: 20,
        waitlist: true,
        ...overrides,
      },
    })
    .then((res) => created<MadeEvent>(res));
}

/**
 * Registers a person for an event through the public API and returns the raw answer (tests look
 * at refusals too). The e-mail is made from the name unless given.
 */
export function register(
  t: TestApp,
  eventId: string,
  person: { name: string; email?: string; answers?: Record<string, string>; shareWithVenue?: boolean },
  opts: { token?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const { name, email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.org`, ...rest } = person;
  return t.api('POST', `/api/v1/events/${eventId}/registrations`, {
    ...opts,
    body: { name, email, ...rest },
  });
}
