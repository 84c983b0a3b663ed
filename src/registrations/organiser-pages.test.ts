import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn, type FormSession } from '../../test/support/forms.js';
import { makeChapter, makeEvent, register, registered } from '../../test/support/factories.js';

/** What an organiser is told and asked on the registrations and door pages. */
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let chapter: string;
let b: FormSession;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  chapter = (await makeChapter(t, admin.token)).slug;
  b = await signIn(t.app, { email: admin.user.email, password: admin.password });
});
afterAll(() => t.close());

const q = async (sql: string, params: unknown[] = []) => (await t.database.pool.query(sql, params)).rows;

describe('the registrations page', () => {
  it('says the person is on the waitlist when the organiser adds them to a full event', async () => {
    const event = await makeEvent(t, admin.token, chapter, { capacity: 1 });
    await register(t, event.id, { name: 'First' });
    const page = `/admin/events/${event.id}/registrations`;
    const res = await b.submit(page, `/admin/events/${event.id}/attendees`, {
      name: 'Late Larry',
      email: 'larry@example.org',
    });
    expect(res.statusCode).toBe(303);
    const after = await b.get(String(res.headers.location));
    expect(after.body).toContain('The event is full: Late Larry is on the waitlist, in position 1.');
    expect(after.body).not.toContain('Added.');
  });

  it('asks before cancelling a registration, on a page that works without JavaScript', async () => {
    const event = await makeEvent(t, admin.token, chapter, { capacity: 1 });
    await register(t, event.id, { name: 'Seated Sue' });
    await register(t, event.id, { name: 'Waiting Wim' });
    const [sue] = await q(`SELECT id FROM registrations WHERE event_id = $1 AND name = 'Seated Sue'`, [event.id]);
    const list = await b.get(`/admin/events/${event.id}/registrations`);
    // No one-click cancel on the list: a link to the confirmation.
    expect(list.body).not.toContain(`action="/admin/registrations/${sue.id}/cancel"`);
    expect(list.body).toContain(`href="/admin/registrations/${sue.id}/cancel"`);
    const confirm = await b.get(`/admin/registrations/${sue.id}/cancel`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Cancel the registration of Seated Sue?');
    expect(confirm.body).toContain('first person on the waitlist');
    // Opening the page changed nothing.
    expect((await q(`SELECT status FROM registrations WHERE id = $1`, [sue.id]))[0].status).toBe('confirmed');
    const done = await b.submit(`/admin/registrations/${sue.id}/cancel`, `/admin/registrations/${sue.id}/cancel`, {});
    expect(done.statusCode).toBe(303);
    expect(
      (await q(`SELECT name, status FROM registrations WHERE event_id = $1 ORDER BY name`, [event.id])).map((r) => [
        r.name,
        r.status,
      ]),
    ).toEqual([
      ['Seated Sue', 'cancelled'],
      ['Waiting Wim', 'confirmed'],
    ]);
  });
});

describe('the questions on the registrations page', () => {
  it('reads labels and answers in the organiser’s language, the original marked when not translated', async () => {
    const event = await makeEvent(t, admin.token, chapter, {
      language: 'fr',
      questions: [
        {
          id: 'diet',
          label: 'Régime',
          type: 'choice',
          required: true,
          choices: ['végétarien', 'omnivore'],
          translations: { nl: { label: 'Dieet', choices: ['vegetarisch', 'alleseter'] } },
        },
      ],
    });
    // Answered in Dutch: kept as the original choice.
    await registered(t, event.id, { name: 'Noor', answers: { diet: 'vegetarisch' } }, { language: 'nl' });
    const page = `/admin/events/${event.id}/registrations`;
    const nl = await b.get(`${page}?lang=nl`);
    expect(nl.body).toContain('<th scope="col">Dieet</th>');
    expect(nl.body).toContain('<td>vegetarisch</td>');
    const en = await b.get(`${page}?lang=en`);
    expect(en.body).toMatch(
      /<th scope="col"><span lang="fr">Régime<\/span><small [^>]*> \(original in French\)<\/small><\/th>/,
    );
    expect(en.body).toContain('<td>végétarien</td>');
  });
});

describe('the door page', () => {
  it('lists people alphabetically, has a search button, and a scanned code needs one tap', async () => {
    const event = await makeEvent(t, admin.token, chapter);
    for (const [i, name] of ['Zoé', 'adam', 'Émile'].entries())
      expect((await register(t, event.id, { name, email: `door${i}@example.org` })).statusCode).toBe(201);
    const door = await b.get(`/admin/events/${event.id}/door`);
    const names = [...door.body.matchAll(/<strong>([^<]+)<\/strong> <button/g)].map((m) => m[1]);
    expect(names).toEqual(['adam', 'Émile', 'Zoé']);
    expect(door.body).toMatch(/<form method="get"[^>]*role="search">.*<button type="submit">Search<\/button>/s);

    const [zoe] = await q(`SELECT check_in_code FROM registrations WHERE event_id = $1 AND name = 'Zoé'`, [event.id]);
    const scanned = await b.get(`/admin/events/${event.id}/door?code=${zoe.check_in_code}`);
    expect(scanned.body).toContain('<button type="submit" class="big">Check in Zoé</button>');
    const tapped = await b.submit(
      `/admin/events/${event.id}/door?code=${zoe.check_in_code}`,
      `/admin/events/${event.id}/door`,
      {
        code: zoe.check_in_code,
      },
    );
    expect(tapped.statusCode).toBe(200);
    expect(
      await q(`SELECT 1 FROM registrations WHERE check_in_code = $1 AND checked_in_at IS NOT NULL`, [
        zoe.check_in_code,
      ]),
    ).toHaveLength(1);
    // Scanned again: no button, it says so.
    const again = await b.get(`/admin/events/${event.id}/door?code=${zoe.check_in_code}`);
    expect(again.body).not.toContain('class="big"');
    expect((await b.get(`/admin/events/${event.id}/door?code=nonsense`)).body).toContain(
      'No confirmed registration has this code.',
    );
  });
});

describe('the admin home', () => {
  it('calls the chapters’ counts launch-interest sign-ups', async () => {
    expect((await b.get('/admin')).body).toContain('Launch-interest sign-ups');
  });
});
