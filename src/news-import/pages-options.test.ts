import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, type FormSession, signIn } from '../../test/support/forms.js';
import { type OldSite, startOldSite, wxrDocument, wxrPost } from '../../test/support/old-site.js';
import { importsInFlight } from './jobs.js';

// The admin import page's options, the CLI's --base-url, --fetch-media and --keep-going: chosen
// with the upload, shown on the dry run, used by the import. The old site is a local HTTP server
// (the webhooks' explicit test allowance lets the outbound guard reach it).

let t: TestApp;
let editor: FormSession;
let site: OldSite;
let old: string;

beforeAll(async () => {
  t = await startTestApp({ allowPrivateWebhooks: true });
  const a = await t.user('admin');
  editor = await signIn(t.app, { email: a.user.email, password: a.password });
  const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#36c' } })
    .png()
    .toBuffer();
  site = await startOldSite({ '/wp-content/uploads/photo.png': photo });
  old = site.host;
});
afterAll(async () => {
  await site.close();
  await t.close();
});

const item = (id: string, body: string) => wxrPost(old, { id, body, date: '2015-01-02 10:00:00' });
// The export names its staging address; readers knew the site at `old` (the --base-url case).
const wxr = () =>
  wxrDocument(
    [
      item(
        '1',
        `<p><img src="http://${old}/wp-content/uploads/photo.png" alt="Photo"> Voir <a href="http://${old}/billet-2/">la suite</a>.</p>`,
      ),
      item('2', '<p>La suite.</p>'),
      item('', '<p>Sans identifiant</p>'),
    ],
    'http://staging.example.org',
  );

const uploads = () => {
  const dir = path.join(t.config.dataDir, 'imports');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};
const count = async (sql: string) => (await t.database.pool.query(sql)).rows[0].n as number;
const upload = async (fields: Record<string, string>) => {
  const page = await editor.get('/admin/news/import', { 'accept-language': 'en' });
  return editor.upload(
    '/admin/news/import',
    { _csrf: csrfOf(page.body), ...fields },
    { field: 'file', filename: 'export.xml', content: wxr(), type: 'text/xml' },
  );
};

describe('the admin import page’s options', () => {
  it('offers the old site’s address, fetching its files and keeping going, in the three languages', async () => {
    const en = (await editor.get('/admin/news/import', { 'accept-language': 'en' })).body;
    expect(en).toMatch(/<input[^>]*name="baseUrl"[^>]*type="url"|<input[^>]*type="url"[^>]*name="baseUrl"/);
    expect(en).toContain('<input type="checkbox" id="f-fetchMedia" name="fetchMedia"');
    expect(en).toContain('<input type="checkbox" id="f-keepGoing" name="keepGoing"');
    expect((await editor.get('/admin/news/import', { 'accept-language': 'fr' })).body).toContain(
      'Adresse de l’ancien site (facultatif)',
    );
    expect((await editor.get('/admin/news/import', { 'accept-language': 'nl' })).body).toContain(
      'Adres van de oude site (optioneel)',
    );
  });

  it('refuses an address that is not http(s) beside its field, keeping the choices and nothing of the file', async () => {
    const before = uploads();
    const res = await upload({ baseUrl: 'ftp://old.example.org', keepGoing: 'on' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Give the old site’s address as http://… or https://…');
    expect(res.body).toContain('value="ftp://old.example.org"');
    expect(res.body).toContain('<input type="checkbox" id="f-keepGoing" name="keepGoing" checked');
    expect(uploads()).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM news_import_jobs')).toBe(0);
  });

  it('without keep-going, one bad item refuses the whole file, as the command line does', async () => {
    const res = await upload({ baseUrl: `http://${old}` });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/The item at line \d+ has no post id \(wp:post_id\): it cannot be imported\./);
    expect(await count('SELECT count(*)::int AS n FROM news_import_jobs')).toBe(0);
  });

  it('with keep-going, the base URL and fetch-media: the dry run lists the bad item, the import fetches and links', async () => {
    site.hits.length = 0;
    const res = await upload({ baseUrl: `http://${old}`, fetchMedia: 'on', keepGoing: 'on' });
    expect(res.statusCode, res.body).toBe(303);
    const job = res.headers.location as string;
    const preview = await editor.get(job, { 'accept-language': 'en' });
    expect(preview.body).toContain(`Links to http://${old} point to the new articles.`);
    expect(preview.body).toContain('The old site’s files are fetched when the import runs (not in this dry run).');
    expect(preview.body).toContain('Items that cannot be imported are skipped and listed.');
    expect(preview.body).toContain('2 new articles');
    expect(preview.body).toContain('1 failed');
    expect(preview.body).toMatch(/<code>item \? \(line \d+\)<\/code> — The item at line \d+ has no post id/);
    // A dry run fetches nothing.
    expect(site.hits).toEqual([]);

    const run = await editor.request('POST', `${job}/run`, { _csrf: csrfOf(preview.body) });
    expect(run.statusCode, run.body).toBe(303);
    await importsInFlight();
    const done = await editor.get(job, { 'accept-language': 'fr' });
    expect(done.body).toContain('Import terminé.');
    expect(done.body).toContain('1 fichier de l’ancien site rapatrié, 0 impossible à récupérer.');
    expect(done.body).toContain('has no post id');
    expect(site.hits).toEqual(['/wp-content/uploads/photo.png']);
    const { rows } = await t.database.pool.query(
      "SELECT body_markdown AS body FROM articles WHERE slug = 'billet-1' AND network_id = $1",
      [t.network.id],
    );
    // Links to the address given (not the export's) point to the new article and the stored picture.
    expect(rows[0].body).toContain('href="/news/billet-2"');
    expect(rows[0].body).toMatch(/src="\/media\/[0-9a-f-]{36}\/\d+\.webp"/);
    expect(rows[0].body).not.toContain(old);
  });
});
