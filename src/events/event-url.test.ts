import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent } from '../../test/support/factories.js';
import { eventIdOf, eventPath } from '../web/event-path.js';

// Readable event addresses: /events/{id}-{slug} is the one address every link uses; the bare id of
// before and a renamed event's old slug answer one 301 to it.

let t: TestApp;
let admin: string;
let chapter: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  chapter = (await makeChapter(t, admin)).slug;
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });

describe('the address of an event', () => {
  it('reads /events/{id}-{slug}, slug from the title, accents folded', () => {
    const id = '0b6c5a4e-1f2d-4c3b-9a8e-7d6f5e4c3b2a';
    expect(eventPath({ id, title: 'Journée IT — Charleroi 2026!' })).toBe(`/events/${id}-journee-it-charleroi-2026`);
    // A title with nothing to spell in ASCII keeps the bare id, which is then canonical.
    expect(eventPath({ id, title: '東京 ✨' })).toBe(`/events/${id}`);
    expect(eventIdOf(`${id}-anything`)).toBe(id);
    expect(eventIdOf(id)).toBe(id);
    expect(eventIdOf(`${id}x`)).toBeUndefined();
    expect(eventIdOf('not-an-id')).toBeUndefined();
  });

  it('is the API url, and the page answers there', async () => {
    const e = await makeEvent(t, admin, chapter, { title: 'Journée IT de Charleroi' });
    expect(e.url).toBe(`/events/${e.id}-journee-it-de-charleroi`);
    expect((await t.api('GET', `/api/v1/events/${e.id}`)).json().url).toBe(e.url);
    const page = await get(e.url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>');
    expect(page.body).toContain(`action="${e.url}/register"`);
    expect(page.body).toContain(`<link rel="canonical" href="${t.config.baseUrl}${e.url}"`);
  });

  it('moved permanently from the bare id, in one hop, with the query kept', async () => {
    const e = await makeEvent(t, admin, chapter, { title: 'Rust night' });
    const old = await get(`/events/${e.id}?lang=nl&utm_source=mail`);
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(`${e.url}?lang=nl&utm_source=mail`);
    const landed = await get(old.headers.location as string);
    expect(landed.statusCode).toBe(200);
    expect(landed.body).toContain('<html lang="nl"');
  });

  it('follows a renamed event: the old slug answers 301 to the new one, never a chain', async () => {
    const e = await makeEvent(t, admin, chapter, { title: 'Old name' });
    const patched = await t.api('PATCH', `/api/v1/events/${e.id}`, { token: admin, body: { title: 'New name' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().url).toBe(`/events/${e.id}-new-name`);
    for (const stale of [e.url, `/events/${e.id}`, `/events/${e.id}-whatever`, `/events/${e.id}-`]) {
      const res = await get(stale);
      expect(res.statusCode, stale).toBe(301);
      expect(res.headers.location, stale).toBe(`/events/${e.id}-new-name`);
    }
    expect((await get(`/events/${e.id}-new-name`)).statusCode).toBe(200);
  });

  it('keeps the bare id when the title has nothing to spell, without a redirect loop', async () => {
    const e = await makeEvent(t, admin, chapter, { title: '東京' });
    expect(e.url).toBe(`/events/${e.id}`);
    expect((await get(e.url)).statusCode).toBe(200);
    const slugged = await get(`/events/${e.id}-tokyo`);
    expect(slugged.statusCode).toBe(301);
    expect(slugged.headers.location).toBe(e.url);
  });

  it('is a 404 when malformed or unknown, and a draft does not redirect a visitor to its title', async () => {
    for (const bad of [
      '/events/not-an-id',
      '/events/------------------------------------',
      '/events/0b6c5a4e-1f2d-4c3b-9a8e-7d6f5e4c3b2ax',
      '/events/0b6c5a4e-1f2d-4c3b-9a8e-7d6f5e4c3b2a-nobody',
    ])
      expect((await get(bad)).statusCode, bad).toBe(404);
    const draft = await makeEvent(t, admin, chapter, { title: 'Secret plans', status: 'draft' });
    const res = await get(`/events/${draft.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers.location).toBeUndefined();
    expect(res.body).not.toContain('secret-plans');
  });

  it('is the link on the lists, the sitemap, the feed and the calendar', async () => {
    const e = await makeEvent(t, admin, chapter, { title: 'Linked everywhere' });
    for (const page of ['/', '/events', `/chapters/${chapter}`]) {
      const res = await get(page);
      expect(res.statusCode, page).toBe(200);
      expect(res.body, page).toContain(`href="${e.url}"`);
      expect(res.body, page).not.toContain(`href="/events/${e.id}"`);
    }
    expect((await get('/sitemap.xml')).body).toContain(`<loc>${t.config.baseUrl}${e.url}</loc>`);
    const feed = (await get(`/chapters/${chapter}/calendar.ics`)).body.replace(/\r\n /g, '');
    expect(feed).toContain(`URL;VALUE=URI:${t.config.baseUrl}${e.url}\r\n`);
    // The .ics linked from the page answers at the slugged address as at the bare id.
    const ics = await get(`${e.url}.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.body).toMatch(/SUMMARY(;LANGUAGE=[a-z]{2})?:Linked everywhere/);
    expect((await get(`/events/${e.id}.ics`)).body).toMatch(/SUMMARY(;LANGUAGE=[a-z]{2})?:Linked everywhere/);
  });
});
