import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, signIn } from '../../test/support/forms.js';
import { MAX_BYTES } from './service.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let member: Awaited<ReturnType<TestApp['user']>>;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  member = await t.user('member');
});
afterAll(() => t.close());

const post = (csv: string | Buffer, query = '', token?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/members/import${query}`,
    headers: { 'content-type': 'text/csv; charset=utf-8', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: csv,
  });
const users = async (like: string) =>
  Number((await t.database.pool.query(`SELECT count(*) AS n FROM users WHERE email LIKE $1`, [like])).rows[0].n);

describe('POST /api/v1/members/import', () => {
  it('is for admins: 401 for a visitor, 403 for a member', async () => {
    const csv = 'email\napi-x@example.org\n';
    expect((await post(csv)).statusCode).toBe(401);
    const res = await post(csv, '', member.token);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await users('api-x@%')).toBe(0);
  });

  it('takes text/csv and answers the report; a dry run writes nothing; the same file again adds nobody', async () => {
    const csv = 'Courriel;Nom;Région d’origine\napi-a@example.org;A;Hainaut\napi-b@example.org;B;Gotham\n';
    const dry = await post(csv, '?dryRun=true', admin.token);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      total: 2,
      created: 1,
      known: 0,
      rejected: [{ line: 3, reason: "unknown region 'Gotham'" }],
      summary: '1 new · 0 already known · 1 rejected',
      mapping: [
        { column: 'Courriel', field: 'email' },
        { column: 'Nom', field: 'name' },
        { column: 'Région d’origine', field: 'originRegion' },
      ],
      delimiter: ';',
    });
    expect(await users('api-%')).toBe(0);
    expect((await post(csv, '?fileName=april.csv', admin.token)).json().summary).toBe(
      '1 new · 0 already known · 1 rejected',
    );
    expect((await post(csv, '', admin.token)).json().summary).toBe('0 new · 1 already known · 1 rejected');
    const audit = await t.database.pool.query(
      `SELECT actor_email, subject FROM audit_log WHERE action = 'members.import' ORDER BY created_at`,
    );
    expect(audit.rows).toEqual([
      { actor_email: admin.user.email, subject: 'april.csv' },
      { actor_email: admin.user.email, subject: 'upload.csv' },
    ]);
  });

  it('refuses a binary or oversize file, or a missing e-mail column, with a clear problem', async () => {
    const binary = await post(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0]), '', admin.token);
    expect(binary.statusCode).toBe(400);
    expect(binary.json().detail).toBe('this file is not a CSV text file');
    const big = await post(Buffer.alloc(MAX_BYTES + 10, 'a'), '', admin.token);
    expect(big.statusCode).toBe(413);
    expect(big.json().detail).toBe('the file is larger than 20 MB: split it');
    const noEmail = await post('Nom,Ville\nAda,Namur\n', '', admin.token);
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.json().detail).toMatch(/^no e-mail column among the columns found \(Nom, Ville\)/);
    const json = await t.api('POST', '/api/v1/members/import', {
      token: admin.token,
      body: { email: 'x@example.org' },
    });
    expect(json.statusCode).toBe(415);
  });

  it('is described in the OpenAPI document as taking text/csv', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json')).json();
    const op = doc.paths['/api/v1/members/import'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['text/csv']);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['dryRun', 'welcome', 'map']),
    );
  });
});

describe('/admin/members/import', () => {
  it('is for admins', async () => {
    const visitor = await t.app.inject({ method: 'GET', url: '/admin/members/import' });
    expect(visitor.statusCode).toBe(303);
    const m = await signIn(t.app, { email: member.user.email, password: member.password });
    expect((await m.get('/admin/members/import')).statusCode).toBe(403);
  });

  it('uploads, shows the mapping and the dry run, then imports on confirmation', async () => {
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    const home = await b.get('/admin');
    expect(home.body).toContain('href="/admin/members/import"');
    const form = await b.get('/admin/members/import');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    const csv =
      'Voornaam;Achternaam;E-mail;Woonplaats;Telefoon\nAn;Peeters;page-an@example.org;Liège;0470\nBart;Claes;page-bart@example.org;Gent;\nbad;row;nope;;\n';
    const bytes = Uint8Array.from([...csv].map((c) => c.charCodeAt(0)));

    // Without the form's CSRF token, nothing is read.
    expect(
      (await b.upload('/admin/members/import/check', {}, { field: 'file', filename: 'leden.csv', content: bytes }))
        .statusCode,
    ).toBe(403);

    const checked = await b.upload(
      '/admin/members/import/check',
      { _csrf: csrfOf(form.body), welcome: 'on' },
      { field: 'file', filename: 'leden.csv', content: bytes },
    );
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.body).toContain('Dry run: nothing has been written yet.');
    expect(checked.body).toContain('2 new · 0 already known · 1 rejected');
    expect(checked.body).toMatch(/<td>Voornaam<\/td><td>First name<\/td>/);
    expect(checked.body).toMatch(/<td>Telefoon<\/td><td><span class="muted">ignored<\/span><\/td>/);
    expect(checked.body).toMatch(
      /<td>4<\/td><td>invalid e-mail &#39;nope&#39;<\/td>|<td>4<\/td><td>invalid e-mail 'nope'<\/td>/,
    );
    expect(checked.body).toContain('Import 2 members');
    expect(await users('page-%')).toBe(0);

    const token = /name="token" value="([^"]+)"/.exec(checked.body)![1]!;
    const done = await b.request('POST', '/admin/members/import/run', {
      _csrf: csrfOf(checked.body),
      token,
      welcome: 'on',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.body).toContain('Import finished.');
    expect(done.body).toContain('2 new · 0 already known · 1 rejected');
    const rows = await t.database.pool.query(
      `SELECT u.email, p.city FROM users u JOIN member_profiles p ON p.user_id = u.id WHERE u.email LIKE 'page-%' ORDER BY u.email`,
    );
    expect(rows.rows).toEqual([
      { email: 'page-an@example.org', city: 'Liège' },
      { email: 'page-bart@example.org', city: 'Gent' },
    ]);
    expect(
      (
        await t.database.pool.query(
          `SELECT count(*)::int AS n FROM outbound_messages WHERE kind = 'members.welcome' AND to_email LIKE 'page-%'`,
        )
      ).rows[0].n,
    ).toBe(2);

    // The stashed upload is imported once.
    const again = await b.request('POST', '/admin/members/import/run', { _csrf: csrfOf(done.body), token });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This upload has expired or was already imported');
  });

  it('shows a refused file on the upload form, in the admin’s language', async () => {
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
    const form = await b.get('/admin/members/import');
    const res = await b.upload(
      '/admin/members/import/check',
      { _csrf: csrfOf(form.body) },
      {
        field: 'file',
        filename: 'photo.png',
        content: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
        type: 'image/png',
      },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('ce fichier n’est pas un fichier texte CSV');
    expect(res.body).toContain('enctype="multipart/form-data"');
  });
});
