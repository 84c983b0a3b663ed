import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent, makeVenue } from '../../test/support/factories.js';
import { catalogues, type Locale } from '../web/i18n.js';
import { kinds, renderMessage } from './render.js';
import type { outboundMessages } from './tables.js';

// Every mail kind and every feed, rendered in French and in Dutch, must carry no sentence of the
// English interface. Content (event titles, names) is the test's own and not English words.
type Message = typeof outboundMessages.$inferSelect;
let t: TestApp;
let admin: string;
let chapter: string;
let eventId: string;

/** The English sentences of the interface (the literal parts of each message, 15 characters or more). */
function englishSentences(prefixes: string[]): { key: string; text: string }[] {
  const literal = (source: string) => {
    let s = source;
    // Nested ICU arguments and plurals out, innermost first: what is left are the literal words.
    for (let before = ''; before !== s; ) {
      before = s;
      s = s.replace(/\{[^{}]*\}/g, '\u0000');
    }
    return s
      .split('\u0000')
      .map((x) => x.trim())
      .filter((x) => x.length >= 15 && x.includes(' '));
  };
  const en = catalogues.en as Record<string, string>;
  const others = [catalogues.fr, catalogues.nl] as Record<string, string>[];
  return Object.keys(en)
    .filter((k) => prefixes.some((p) => k.startsWith(p)))
    .flatMap((key) =>
      literal(en[key]!)
        // A sentence the same in another language (a URL, a code) is not English interface.
        .filter((text) => !others.some((o) => (o[key] ?? '').includes(text)))
        .map((text) => ({ key, text })),
    );
}

const english = () => englishSentences(['mail.', 'event.', 'registration.', 'calendar.', 'feed.', 'kindEvent.']);
const englishIn = (text: string) => english().filter((s) => text.includes(s.text));

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  const venue = await makeVenue(t, admin);
  chapter = (await makeChapter(t, admin)).slug;
  eventId = (
    await makeEvent(t, admin, chapter, {
      title: 'Zeta 42',
      description: 'Zeta',
      venue: venue.slug,
      room: 'Main room',
      capacity: 5,
    })
  ).id;
  const reg = await t.api('POST', `/api/v1/events/${eventId}/registrations`, {
    body: { name: 'Ada', email: 'ada@example.org' },
  });
  expect(reg.statusCode).toBe(201);
});
afterAll(() => t.close());

describe('mails in French and Dutch', () => {
  it('every registration kind says nothing in English', async () => {
    const { rows } = await t.database.pool.query(
      `SELECT * FROM outbound_messages WHERE kind = 'registration.confirmed' ORDER BY created_at LIMIT 1`,
    );
    const raw = rows[0] as Record<string, unknown>;
    const message = {
      ...raw,
      networkId: raw.network_id,
      toEmail: raw.to_email,
      toName: raw.to_name,
    } as unknown as Message;
    expect(message.payload).toBeTruthy();
    const rendered: string[] = [];
    for (const kind of Object.keys(kinds))
      for (const locale of ['fr', 'nl'] as Locale[]) {
        const mail = await renderMessage(t.database.db, { ...message, kind, locale }, 'https://essaim.test');
        if (!mail) continue;
        rendered.push(kind);
        const text = `${mail.subject}\n${mail.textBody}\n${mail.htmlBody}`;
        expect(englishIn(text), `${kind} in ${locale}`).toEqual([]);
      }
    // Each kind rendered in both languages (none skipped as no longer relevant).
    expect(rendered).toHaveLength(Object.keys(kinds).length * 2);
  });

  it('the check finds English when there is some (so it can fail)', () => {
    expect(english().length).toBeGreaterThan(20);
    const hello = (catalogues.en as Record<string, string>)['mail.cantCome']!;
    expect(englishIn(`Bonjour\n${hello}`)).not.toEqual([]);
  });
});

describe('feeds in French and Dutch', () => {
  for (const lang of ['fr', 'nl'])
    it(`RSS and iCalendar feeds say nothing in English (${lang})`, async () => {
      for (const url of [
        '/events.rss',
        `/chapters/${chapter}/events.rss`,
        '/news.rss',
        '/news.atom',
        '/calendar.ics',
      ]) {
        const res = await t.app.inject({ method: 'GET', url: `${url}?lang=${lang}` });
        expect(res.statusCode, url).toBe(200);
        expect(englishIn(res.body), `${url} in ${lang}`).toEqual([]);
      }
      const ics = await t.app.inject({ method: 'GET', url: `/events/${eventId}.ics?lang=${lang}` });
      expect(englishIn(ics.body)).toEqual([]);
    });
});
