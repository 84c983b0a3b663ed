import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent, makeVenue } from '../../test/support/factories.js';
import { englishCheck, visibleTexts } from '../../test/support/visible-text.js';
import { catalogues } from '../web/i18n.js';
import { kinds, renderMessage } from './render.js';
import type { outboundMessages } from './tables.js';

// Every mail kind and every feed, rendered in French and in Dutch, must carry no text of the
// English interface (the whole English catalogue, as test/support/visible-text.ts reads it).
// Content (event titles, names) is the test's own and not English words.
type Message = typeof outboundMessages.$inferSelect;
let t: TestApp;
let admin: string;
let chapter: string;
let eventId: string;

const checks = { fr: englishCheck('fr'), nl: englishCheck('nl') };
/** The English interface text in a mail or a feed: its lines, and the text of its HTML. */
const englishIn = (text: string, locale: 'fr' | 'nl') =>
  checks[locale].find([...text.split(/\r?\n/).map((l) => l.trim()), ...visibleTexts(text)]);

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
      for (const locale of ['fr', 'nl'] as const) {
        const mail = await renderMessage(t.database.db, { ...message, kind, locale }, 'https://essaim.test');
        if (!mail) continue;
        rendered.push(kind);
        const text = `${mail.subject}\n${mail.textBody}\n${mail.htmlBody}`;
        expect(englishIn(text, locale), `${kind} in ${locale}`).toEqual([]);
      }
    // Each kind rendered in both languages (none skipped as no longer relevant).
    expect(rendered).toHaveLength(Object.keys(kinds).length * 2);
  });

  it('the check finds English when there is some (so it can fail)', () => {
    expect(checks.fr.sentences).toBeGreaterThan(300);
    const hello = (catalogues.en as Record<string, string>)['mail.cantCome']!;
    expect(englishIn(`Bonjour\n${hello}`, 'fr')).not.toEqual([]);
  });
});

describe('feeds in French and Dutch', () => {
  for (const lang of ['fr', 'nl'] as const)
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
        expect(englishIn(res.body, lang), `${url} in ${lang}`).toEqual([]);
      }
      const ics = await t.app.inject({ method: 'GET', url: `/events/${eventId}.ics?lang=${lang}` });
      expect(englishIn(ics.body, lang)).toEqual([]);
    });
});
