import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeCall } from '../calls/test-fixtures.js';

/**
 * A member's roles (organiser, venue manager, treasurer, news editor), jury seats, speaker profile
 * and the comments of the old site signed with their name: in their export, and gone on erasure.
 */
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
const q = async (text: string, params: unknown[] = []) => (await t.database.pool.query(text, params)).rows;
const ok = async (method: 'POST' | 'PUT', url: string, body?: unknown) => {
  const res = await t.api(method, url, { token: admin.token, ...(body ? { body } : {}) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.statusCode === 204 ? undefined : res.json();
};

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  await ok('POST', '/api/v1/chapters', { name: 'Charleroi', city: 'Charleroi', status: 'active' });
  await ok('POST', '/api/v1/venues', {
    name: 'La Ruche',
    city: 'Charleroi',
    rooms: [{ name: 'Main room', capacity: 40 }],
  });
});
afterAll(() => t.close());

/** Dora holds every role, a jury seat, a speaker profile under her address and two old comments. */
async function dora(email: string, name: string) {
  const m = await t.user('member', email);
  await q(`UPDATE users SET name = $2 WHERE id = $1`, [m.user.id, name]);
  await ok('POST', '/api/v1/chapters/charleroi/organizers', { email });
  await ok('POST', '/api/v1/venues/la-ruche/managers', { email });
  await ok('POST', '/api/v1/treasurers', { email, chapter: 'charleroi' });
  await ok('PUT', `/api/v1/news/editors/${m.user.id}`);
  const call = await ok('POST', '/api/v1/calls', makeCall({ slug: `call-${m.user.id.slice(0, 8)}` }));
  await ok('POST', `/api/v1/calls/${call.id}/jurors`, { email, name, organisation: 'Dora SRL', relations: ['Bob'] });
  await q(`INSERT INTO speakers (network_id, slug, name, bio, email) VALUES ($1, $2, $3, 'Speaks about Go', $4)`, [
    t.network.id,
    `speaker-${m.user.id.slice(0, 8)}`,
    name,
    email.toUpperCase(),
  ]);
  const article = await ok('POST', '/api/v1/articles', { title: `Old post ${name}`, status: 'published' });
  for (const [id, author] of [
    ['1', ` ${name.toLowerCase()} `],
    ['2', 'Someone Else'],
  ])
    await q(
      `INSERT INTO article_comments (network_id, article_id, source_id, author_name, body_html) VALUES ($1, $2, $3, $4, '<p>Bravo</p>')`,
      [t.network.id, article.id, id, author],
    );
  return { ...m, call: call.id as string, article: article.id as string };
}

it('exports my roles, jury seats, speaker profile and the old comments signed with my name', async () => {
  const me = await dora('dora@example.org', 'Dora Maar');
  const data = (await t.api('GET', '/api/v1/me/export', { token: me.token })).json();
  expect(data.organiserOf).toEqual([expect.objectContaining({ chapter: 'Charleroi', slug: 'charleroi' })]);
  expect(data.venueManagerOf).toEqual([expect.objectContaining({ venue: 'La Ruche', slug: 'la-ruche' })]);
  expect(data.treasurerOf).toEqual([expect.objectContaining({ scope: 'Charleroi' })]);
  expect(data.newsEditor).toHaveLength(1);
  expect(data.jurySeats).toEqual([
    expect.objectContaining({
      stage: 'Selection',
      name: 'Dora Maar',
      email: 'dora@example.org',
      organisation: 'Dora SRL',
      relations: ['Bob'],
      reviews: [],
    }),
  ]);
  expect(data.speakerProfiles).toEqual([
    { slug: expect.any(String), name: 'Dora Maar', bio: 'Speaks about Go', email: 'DORA@EXAMPLE.ORG', sessions: [] },
  ]);
  expect(data.newsComments).toEqual([expect.objectContaining({ name: ' dora maar ', text: '<p>Bravo</p>' })]);
  // Someone else's data is not in mine.
  const other = await dora('eve@example.org', 'Eve Arden');
  const mine = JSON.stringify((await t.api('GET', '/api/v1/me/export', { token: me.token })).json());
  expect(mine).not.toContain('eve@example.org');
  expect(mine).not.toMatch(/eve arden/i);
  expect((await t.api('GET', '/api/v1/me/export', { token: other.token })).json().jurySeats).toHaveLength(1);
});

it('erases my roles, jury seats and speaker profile, and unsigns my old comments', async () => {
  const me = await dora('fay@example.org', 'Fay Wray');
  const del = await t.api('DELETE', '/api/v1/me', { token: me.token, body: { confirm: 'fay@example.org' } });
  expect(del.statusCode, del.body).toBe(204);
  for (const table of ['chapter_organizers', 'venue_managers', 'treasurers', 'news_editors', 'call_jurors'])
    expect(await q(`SELECT 1 FROM ${table} WHERE user_id = $1`, [me.user.id]), table).toEqual([]);
  expect(await q(`SELECT 1 FROM call_jurors WHERE lower(email) = 'fay@example.org'`)).toEqual([]);
  expect(await q(`SELECT 1 FROM speakers WHERE lower(email) = 'fay@example.org' OR name = 'Fay Wray'`)).toEqual([]);
  // The comment stays in its thread, signed by nobody; the other commenter keeps their name.
  expect(
    await q(`SELECT source_id, author_name FROM article_comments WHERE article_id = $1 ORDER BY 1`, [me.article]),
  ).toEqual([
    { source_id: '1', author_name: 'Deleted member' },
    { source_id: '2', author_name: 'Someone Else' },
  ]);
  const dump = JSON.stringify(
    await q(
      `SELECT (SELECT json_agg(s) FROM speakers s) AS s, (SELECT json_agg(j) FROM call_jurors j) AS j, (SELECT json_agg(c) FROM article_comments c) AS c`,
    ),
  );
  expect(dump).not.toMatch(/fay@example\.org|fay wray/i);
  // The call the juror sat on is still there.
  expect(await q(`SELECT 1 FROM calls WHERE id = $1`, [me.call])).toHaveLength(1);
});
