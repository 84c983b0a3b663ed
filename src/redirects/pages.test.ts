import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, type FormSession, signIn } from '../../test/support/forms.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let editor: FormSession;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  editor = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
});
afterAll(() => t.close());

const table = async () =>
  (
    await t.database.pool.query(`SELECT from_key, to_path FROM redirects WHERE network_id = $1 ORDER BY from_key`, [
      t.network.id,
    ])
  ).rows as { from_key: string; to_path: string }[];
const audit = async () =>
  (
    await t.database.pool.query(
      `SELECT action, actor_email FROM audit_log WHERE network_id = $1 AND action LIKE 'redirect.%' ORDER BY created_at, id`,
      [t.network.id],
    )
  ).rows as { action: string; actor_email: string }[];
const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\u00a0/g, ' ');

describe('the redirects page', () => {
  it('is linked from the news desk, adds, edits and deletes a redirect, each audited with the editor', async () => {
    expect((await editor.get('/admin/news')).body).toContain('<a href="/admin/redirects">Redirections</a>');
    const page = await editor.get('/admin/redirects');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h2>Les redirections</h2><p>Aucune redirection pour l’instant.</p>');
    const added = await editor.request('POST', '/admin/redirects', {
      _csrf: csrfOf(page.body),
      from: '/2011/06/ancien-billet/',
      to: '/news',
    });
    expect(added.statusCode, added.body).toBe(303);
    const list = await editor.get('/admin/redirects?done=added');
    expect(list.body).toContain('<code>/2011/06/ancien-billet</code>');
    expect(list.body).toContain('ajoutée à la main');
    const id = /href="\/admin\/redirects\/([0-9a-f-]{36})"/.exec(list.body)![1]!;

    const edit = await editor.get(`/admin/redirects/${id}`);
    expect(edit.body).toContain('Redirection depuis /2011/06/ancien-billet');
    const saved = await editor.request('POST', `/admin/redirects/${id}`, { _csrf: csrfOf(edit.body), to: '/events' });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(await table()).toEqual([{ from_key: '/2011/06/ancien-billet', to_path: '/events' }]);
    // The log reads the change as one: the new address went from one page to the other.
    expect((await editor.get('/admin/audit')).body).toContain('Destination\u202f: /news → /events');
    const deleted = await editor.request('POST', `/admin/redirects/${id}/delete`, { _csrf: csrfOf(edit.body) });
    expect(deleted.statusCode).toBe(303);
    expect(await table()).toEqual([]);
    expect(await audit()).toEqual(
      ['redirect.create', 'redirect.update', 'redirect.delete'].map((action) => ({
        action,
        actor_email: admin.user.email,
      })),
    );
  });

  it('refuses a loop, a conflict and a target on another site with the translated messages, changing nothing', async () => {
    const page = await editor.get('/admin/redirects');
    const add = (from: string, to: string) =>
      editor.request('POST', '/admin/redirects', { _csrf: csrfOf(page.body), from, to });
    expect((await add('/a', '/b')).statusCode).toBe(303);
    const before = await table();
    const loop = await add('/b', '/a');
    expect(loop.statusCode).toBe(409);
    expect(plain(loop.body)).toContain('Nouvelle adresse : /b → /a ferait tourner les visiteurs en rond.');
    const conflict = await add('/a/', '/c');
    expect(conflict.statusCode).toBe(409);
    expect(plain(conflict.body)).toContain('/a/ redirige déjà vers /b.');
    const away = await add('/d', 'https://ailleurs.example/');
    expect(away.statusCode).toBe(400);
    expect(plain(away.body)).toContain('Une redirection mène à un chemin de ce site');
    expect(away.body).toContain('value="https://ailleurs.example/"');
    // An empty old address would be the home page: refused, both mistakes named at once, what was typed kept.
    const empty = await add('', 'pas un chemin');
    expect(empty.statusCode).toBe(400);
    expect(plain(empty.body)).toContain('Ancienne adresse : est obligatoire');
    expect(plain(empty.body)).toContain('Nouvelle adresse : doit être un chemin commençant par /');
    expect(empty.body).toContain('value="pas un chemin"');
    expect(await table()).toEqual(before);
    const nl = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'nl' });
    const nlPage = await nl.get('/admin/redirects');
    const nlLoop = await nl.request('POST', '/admin/redirects', { _csrf: csrfOf(nlPage.body), from: '/b', to: '/a' });
    expect(plain(nlLoop.body)).toContain('/b → /a zou bezoekers in een kringetje sturen.');
  });

  it('exports the table as CSV and imports a CSV file, all or nothing, audited', async () => {
    const csv = await editor.get('/admin/redirects/export.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('from,to,origin');
    expect(csv.body).toContain('/a,/b,manual');

    const page = await editor.get('/admin/redirects');
    const upload = (content: string) =>
      editor.upload(
        '/admin/redirects/import',
        { _csrf: csrfOf(page.body) },
        { field: 'file', filename: 'r.csv', content },
      );
    const before = await table();
    const bad = await upload('from,to\n/x1,/news\n/x2\n');
    expect(bad.statusCode).toBe(400);
    expect(plain(bad.body)).toContain('Fichier CSV : La ligne 3 doit avoir deux colonnes');
    expect(await table()).toEqual(before);
    const none = await editor.upload(
      '/admin/redirects/import',
      { _csrf: csrfOf(page.body) },
      { field: 'file', filename: '', content: '' },
    );
    expect(plain(none.body)).toContain('Fichier CSV : Choisissez un fichier CSV.');
    // A workbook chosen instead of its CSV (an .xlsx is a zip: "PK", then binary) is named as such, not as "line 1".
    const workbook = await editor.upload(
      '/admin/redirects/import',
      { _csrf: csrfOf(page.body) },
      { field: 'file', filename: 'r.xlsx', content: 'PK\u0003\u0004\u0014\u0000\u0006\u0000' },
    );
    expect(workbook.statusCode).toBe(400);
    expect(plain(workbook.body)).toContain('Fichier CSV : Ce fichier n’est pas du texte');
    expect(await table()).toEqual(before);

    const good = await upload('from,to\n/x1,/news\n/x2,/events\n');
    expect(good.statusCode, good.body).toBe(200);
    expect(good.body).toContain('2 redirections importées.');
    expect((await table()).map((r) => r.from_key)).toEqual(expect.arrayContaining(['/x1', '/x2']));
    expect((await audit()).at(-1)).toEqual({ action: 'redirect.import', actor_email: admin.user.email });
    expect((await t.app.inject({ url: '/x2' })).headers.location).toBe('/events');
    // Saved by a spreadsheet on Windows (Windows-1252, semicolons): the accent survives.
    const latin = await editor.upload(
      '/admin/redirects/import',
      { _csrf: csrfOf(page.body) },
      { field: 'file', filename: 'r.csv', content: Buffer.from('/café;/news\r\n', 'latin1') },
    );
    expect(latin.statusCode, latin.body).toBe(200);
    expect((await t.app.inject({ url: '/caf%C3%A9' })).headers.location).toBe('/news');
  });

  it('pages a long table, and is refused to a member', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => `/old-${String(i).padStart(2, '0')},/news`).join('\n');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/redirects/import',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'text/csv' },
      payload: lines,
    });
    expect(res.statusCode).toBe(200);
    const first = await editor.get('/admin/redirects');
    expect(first.body.match(/<tr><td><code>/g)).toHaveLength(50);
    expect(first.body).toContain('<a href="/admin/redirects?offset=50">Page suivante</a>');
    const second = await editor.get('/admin/redirects?offset=50');
    expect(second.body).toContain('<a href="/admin/redirects?offset=0">Page précédente</a>');
    expect(second.body).not.toContain('Page suivante');

    const m = await t.user('member');
    const member = await signIn(t.app, { email: m.user.email, password: m.password });
    expect((await member.get('/admin/redirects')).statusCode).toBe(403);
    const admins = await editor.get('/admin/redirects');
    const refused = await member.request('POST', '/admin/redirects', {
      _csrf: csrfOf((await member.get('/me')).body),
      from: '/pirate',
      to: '/news',
    });
    expect(refused.statusCode).toBe(403);
    expect(admins.statusCode).toBe(200);
    expect((await table()).some((r) => r.from_key === '/pirate')).toBe(false);
  });
});
