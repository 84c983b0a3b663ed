// What the event page's RSVP form needs besides rendering: whether it is open, and its fields read
// into the API's own schema (one schema validates the form and the API).
import { RegistrationCreateSchema } from '../registrations/schemas.js';
import { type FormValues, validate } from '../web/forms.js';
import type { EventRow } from './service.js';

/** Whether a visitor may register now: published, not started, inside the registration window. */
export function registrationOpen(e: EventRow, now = new Date()): boolean {
  return (
    e.status === 'published' &&
    e.startsAt > now &&
    (!e.registrationOpensAt || e.registrationOpensAt <= now) &&
    (!e.registrationClosesAt || e.registrationClosesAt > now)
  );
}

/** The form's answer_<id> fields → the API's `answers` object; then the API's own schema. */
export function parseRsvp(body: unknown) {
  const raw = (body ?? {}) as Record<string, string>;
  const values: FormValues = {};
  const answers: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string' || k === '_csrf') continue;
    values[k] = v;
    if (k.startsWith('answer_') && v.trim()) answers[k.slice('answer_'.length)] = v;
  }
  return validate(
    RegistrationCreateSchema,
    { name: values.name, email: values.email, answers, shareWithVenue: values.shareWithVenue === 'on' },
    values,
  );
}
