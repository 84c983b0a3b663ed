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
  /** The canonical page, `/events/{id}-{slug}`. */
  url: string;
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

/** Who registers: a name, an address, or both (the one left out is made from the other). */
export type Registrant = (
  | { name: string; email?: string | undefined }
  | { name?: string | undefined; email: string }
) & { answers?: Record<string, string>; shareWithVenue?: boolean | undefined };

export interface RegisterOptions {
  /** The bearer token of whoever sends the request (the person, or the organiser adding them). */
  token?: string;
  headers?: Record<string, string>;
  /** The visitor's Accept-Language: the language of the registration and of its e-mails. */
  language?: string;
  /**
   * An organiser (`token`) adds the person by hand (`/attendees`): no registration window, so
   * past events too; 201 for a new person, 200 for an address already registered.
   */
  byHand?: boolean;
}

/**
 * Registers a person for an event through the API and returns the raw answer (tests look at
 * refusals too). The e-mail is made from the name unless given, the name from the e-mail likewise.
 */
export function register(
  t: TestApp,
  eventId: string,
  person: Registrant,
  opts: RegisterOptions = {},
): Promise<LightMyRequestResponse> {
  const { name: given, email: givenEmail, ...rest } = person;
  const name = given ?? givenEmail!.split('@')[0]!;
  const email = givenEmail ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.org`;
  const { byHand, language, headers, ...request } = opts;
  return t.api('POST', `/api/v1/events/${eventId}/${byHand ? 'attendees' : 'registrations'}`, {
    ...request,
    headers: { ...headers, ...(language ? { 'accept-language': language } : {}) },
    body: { name, email, ...rest },
  });
}

export interface MadeRegistration {
  id: string;
  eventId: string;
  name: string;
  email: string;
  status: string;
  waitlistPosition?: number;
}

/** `register` for a test that needs the person registered: a new registration (201), or the test fails. */
export async function registered(
  t: TestApp,
  eventId: string,
  person: Registrant,
  opts: RegisterOptions = {},
): Promise<MadeRegistration> {
  return created<MadeRegistration>(await register(t, eventId, person, opts));
}
