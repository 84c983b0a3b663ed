import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, type FormSession, signIn } from '../../test/support/forms.js';
import { makeChapter, makeEvent } from '../../test/support/factories.js';
import { makeCall } from '../calls/test-fixtures.js';

/** The audit log names what each entry is about as it is now: linked while it exists, "deleted" after. */

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let browser: FormSession;
/** The rows of the log's table, as text: when | who | action | subject (with its link) | details. */
const subjectCells = (html: string) =>
  [...html.matchAll(/<tr><td><time[\s\S]*?<\/tr>/g)].map(
    (m) => /<td>(?:(?!<td>)[\s\S])*?<\/td><td>((?:(?!<\/td>)[\s\S])*)<\/td><td class="muted">/.exec(m[0])?.[1] ?? '',
  );

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  browser = await signIn(t.app, { email: admin.user.email, password: admin.password });
});
afterAll(() => t.close());

it('shows the event’s title in the reader’s language, the chapter’s and member’s names, linked; “deleted” when gone; in one query', async () => {
  const chapter = await makeChapter(t, admin.token, { name: 'Gent', city: 'Gent', language: 'nl' });
  const translated = await t.api('PATCH', `/api/v1/chapters/${chapter.slug}`, {
    token: admin.token,
    body: { translations: { fr: { name: 'Gand' } } },
  });
  expect(translated.statusCode, translated.body).toBe(200);
  const event = await makeEvent(t, admin.token, chapter.slug, {
    title: 'Avond over Rust',
    language: 'nl',
    translations: { fr: { title: 'Soirée Rust' } },
  });
  const cancelled = await t.api('POST', `/api/v1/events/${event.id}/cancel`, {
    token: admin.token,
    body: { reason: 'Speaker ill' },
  });
  expect(cancelled.statusCode, cancelled.body).toBe(200);
  const member = await t.user('member');
  const exported = await t.api('GET', `/api/v1/members/${member.user.id}/export`, { token: admin.token });
  expect(exported.statusCode, exported.body).toBe(200);
  const gone = await t.user('member');
  await t.api('GET', `/api/v1/members/${gone.user.id}/export`, { token: admin.token });
  const erased = await t.api('DELETE', '/api/v1/me', { token: gone.token, body: { confirm: gone.user.email } });
  expect(erased.statusCode, erased.body).toBe(204);
  const call = await t.api('POST', '/api/v1/calls', { token: admin.token, body: makeCall({ slug: 'named-call' }) });
  expect(call.statusCode, call.body).toBe(201);

  const fr = (await browser.get('/admin/audit?lang=fr')).body;
  const cells = subjectCells(fr);
  const eventCell = `<a href="/events/${event.id}-avond-over-rust">Soirée Rust</a>`;
  expect(cells).toContain(eventCell);
  expect(cells).toContain('<a href="/chapters/gent">Gand</a>');
  // A plain account (no profile page) is named, not linked.
  expect(cells).toContain(`<span>${member.user.name}</span>`);
  expect(cells).toContain('<span class="muted">membre supprimé</span>');
  expect(fr).not.toContain(`member ${gone.user.id}`);
  expect(cells.some((c) => c.includes('href="/calls/named-call"'))).toBe(true);
  // An untranslated original is marked with its language.
  const en = subjectCells((await browser.get('/admin/audit?lang=en')).body);
  expect(en).toContain(`<a href="/events/${event.id}-avond-over-rust" lang="nl">Avond over Rust</a>`);

  // Deleting the chapter: its entries say so, in the reader's language.
  await t.database.pool.query('DELETE FROM chapters WHERE slug = $1 AND network_id = $2', [chapter.slug, t.network.id]);
  const nl = subjectCells((await browser.get('/admin/audit?lang=nl')).body);
  expect(nl).toContain('<span class="muted">verwijderde afdeling</span>');
  expect(nl).toContain('<span class="muted">verwijderd evenement</span>');

  // One query names a whole page, however many rows it has.
  const named: string[] = [];
  const pool = t.database.pool as unknown as { query: (...a: unknown[]) => unknown };
  const query = pool.query.bind(pool);
  pool.query = (...a: unknown[]) => {
    const text = typeof a[0] === 'string' ? a[0] : (a[0] as { text?: string })?.text;
    if (text?.includes('UNION ALL') || text?.includes("SELECT 'event'")) named.push(text);
    return query(...a);
  };
  try {
    await browser.get('/admin/audit');
  } finally {
    pool.query = query;
  }
  expect(named).toHaveLength(1);

  // The CSV keeps the words of the entry and adds the name.
  const page = await browser.get('/admin/audit?action=member.export&lang=en');
  const csv = await browser.request('POST', '/admin/audit/export', {
    _csrf: csrfOf(page.body),
    action: 'member.export',
    actor: '',
    subject: '',
    from: '',
    to: '',
  });
  const lines = csv.body
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toBe('When,Who,Code,Action,Subject,Subject (name),What changed');
  expect(lines.some((l) => l.includes(`member ${member.user.id}`) && l.includes(`,${member.user.name},`))).toBe(true);
  expect(lines.some((l) => l.includes(`member ${gone.user.id}`) && l.includes(',deleted member,'))).toBe(true);
});
