import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, type FormSession, signIn } from '../../test/support/forms.js';
import pg from 'pg';
import { importsInFlight, interruptOrphanImports } from './jobs.js';

let t: TestApp;
let editor: FormSession;
let editorEmail: string;
let editorPassword: string;
beforeAll(async () => {
  t = await startTestApp();
  const a = await t.user('admin');
  editorEmail = a.user.email;
  editorPassword = a.password;
  editor = await signIn(t.app, { email: a.user.email, password: a.password });
});
/** The audit log's entries for one action: [subject, who], oldest first. */
const audited = async (action: string) =>
  (
    await t.database.pool.query(
      'SELECT subject, actor_email FROM audit_log WHERE network_id = $1 AND action = $2 ORDER BY created_at, id',
      [t.network.id, action],
    )
  ).rows.map((r) => [r.subject, r.actor_email]);
afterAll(() => t.close());

const wxr = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>http://old.example.org</wp:base_site_url>
${[1, 2]
  .map(
    (i) => `<item><title>Ancien billet ${i}</title><link>http://old.example.org/ancien-${i}/</link>
<content:encoded><![CDATA[<p>Texte ${i}</p>]]></content:encoded><wp:post_id>${i}</wp:post_id>
<wp:post_date_gmt>2013-02-0${i} 10:00:00</wp:post_date_gmt><wp:post_name>ancien-${i}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>`,
  )
  .join('\n')}
</channel></rss>`;

const articleCount = async () =>
  (await t.database.pool.query('SELECT count(*)::int AS n FROM articles WHERE network_id = $1', [t.network.id])).rows[0]
    .n as number;
const uploads = () => {
  const dir = path.join(t.config.dataDir, 'imports');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};

describe('the admin import page', () => {
  it('uploads an export, shows the dry run, imports on confirmation with progress, and starts once', async () => {
    const page = await editor.get('/admin/news/import', { 'accept-language': 'fr' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Importer une archive WordPress');
    const res = await editor.upload(
      '/admin/news/import',
      { _csrf: csrfOf(page.body) },
      { field: 'file', filename: 'export.xml', content: wxr, type: 'text/xml' },
    );
    expect(res.statusCode, res.body).toBe(303);
    const job = res.headers.location as string;
    expect(job).toMatch(/^\/admin\/news\/import\/[0-9a-f-]{36}$/);
    const preview = await editor.get(job, { 'accept-language': 'en' });
    expect(preview.body).toContain('Dry run of export.xml');
    expect(preview.body).toContain('2 new articles');
    expect(preview.body).toContain('Import now');
    expect(await articleCount()).toBe(0);
    expect(await audited('news.import_preview')).toEqual([['export.xml', editorEmail]]);
    expect(await audited('news.import_run')).toEqual([]);

    const run = await editor.request('POST', `${job}/run`, { _csrf: csrfOf(preview.body) });
    expect(run.statusCode, run.body).toBe(303);
    await importsInFlight();
    const done = await editor.get(job, { 'accept-language': 'en' });
    expect(done.body).toContain('Import finished.');
    expect(done.body).toContain('<h1>Import of export.xml</h1>');
    const fr = (await editor.get(job, { 'accept-language': 'fr' })).body;
    for (const stale of ['Essai à blanc', 'rien n’est écrit', 'pas dans cet essai']) expect(fr).not.toContain(stale);
    expect(done.body).not.toContain('http-equiv="refresh"');
    expect(await articleCount()).toBe(2);
    expect((await t.app.inject({ url: '/ancien-1/' })).headers.location).toBe('/news/ancien-1');
    expect(uploads()).toBe(0);

    const again = await editor.request('POST', `${job}/run`, { _csrf: csrfOf(done.body) });
    expect(again.statusCode).toBe(409);
    expect(await articleCount()).toBe(2);
    // Started once, recorded once: the refused second start leaves no entry.
    expect(await audited('news.import_run')).toEqual([['export.xml', editorEmail]]);
  });

  it('refuses a file that is not a WordPress export with the importer’s reason, keeping nothing', async () => {
    const before = uploads();
    const page = await editor.get('/admin/news/import');
    const res = await editor.upload(
      '/admin/news/import',
      { _csrf: csrfOf(page.body) },
      { field: 'file', filename: 'notes.xml', content: '<notes><note>hello</note></notes>', type: 'text/xml' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Not a WXR file');
    expect(uploads()).toBe(before);
    expect((await audited('news.import_preview')).map(([file]) => file)).not.toContain('notes.xml');
    expect((await editor.get('/admin/news/import')).body).not.toContain('notes.xml');
  });

  it('explains broken XML in the editor’s language, giving the position once', async () => {
    const broken = wxr.replace('<channel>', '<channel>\n<1item>');
    const upload = async (lang: string) => {
      const b = await signIn(t.app, { email: editorEmail, password: editorPassword }, { 'accept-language': lang });
      const page = await b.get('/admin/news/import');
      return b.upload(
        '/admin/news/import',
        { _csrf: csrfOf(page.body) },
        { field: 'file', filename: 'broken.xml', content: broken, type: 'text/xml' },
      );
    };
    const line = broken.split('\n').findIndex((l) => l.startsWith('<1item>')) + 1;
    const fr = await upload('fr');
    expect(fr.statusCode).toBe(400);
    const text = fr.body.replace(/\u00a0/g, ' ');
    expect(text).toContain(
      `XML illisible à ligne ${line}, colonne 2 : un caractère interdit dans un nom de balise ou d’attribut`,
    );
    expect(text).not.toContain(`${line}:2`);
    expect(text).not.toContain('disallowed');
    const nl = await upload('nl');
    expect(nl.body).toContain(
      `Onleesbare XML op regel ${line}, kolom 2: een teken dat niet mag in de naam van een tag of attribuut`,
    );
    const cut = await (async () => {
      const b = await signIn(t.app, { email: editorEmail, password: editorPassword }, { 'accept-language': 'fr' });
      const page = await b.get('/admin/news/import');
      return b.upload(
        '/admin/news/import',
        { _csrf: csrfOf(page.body) },
        { field: 'file', filename: 'cut.xml', content: wxr.slice(0, -40), type: 'text/xml' },
      );
    })();
    expect(cut.body).toMatch(
      /XML illisible à ligne \d+, colonne \d+ : (la balise &lt;\w+(:\w+)?&gt; n’est jamais fermée|le fichier s’arrête trop tôt)/,
    );
  });

  it('shows a running import’s progress from its job row and reloads itself until it ends', async () => {
    const { rows } = await t.database.pool.query(
      `INSERT INTO news_import_jobs (network_id, file_name, file_path, total_bytes, status, items, bytes_read)
       VALUES ($1, 'big.xml', '/nowhere', 1000, 'running', 340, 250) RETURNING id`,
      [t.network.id],
    );
    const page = await editor.get(`/admin/news/import/${rows[0].id}`, { 'accept-language': 'nl' });
    expect(page.body).toContain('<meta http-equiv="refresh" content="2">');
    expect(page.body).toContain('Bezig met importeren… 340 items gelezen.');
    expect(page.body).toMatch(/<progress[^>]*max="1000"[^>]*value="250"/);
  });

  it('marks an import whose server is gone as interrupted, never a live one, and resumes it from its file', async () => {
    const dir = path.join(t.config.dataDir, 'imports');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'interrupted.xml');
    fs.writeFileSync(file, wxr.replaceAll('old.example.org', 'vieux.example.org').replaceAll('ancien-', 'vieux-'));
    const job = async (name: string, filePath: string) =>
      (
        await t.database.pool.query(
          `INSERT INTO news_import_jobs (network_id, file_name, file_path, total_bytes, status, items, updated_at)
           VALUES ($1, $2, $3, 1000, 'running', 100, now() - interval '5 minutes') RETURNING id`,
          [t.network.id, name, filePath],
        )
      ).rows[0].id as string;
    const gone = await job('gone.xml', file);
    const live = await job('live.xml', '/nowhere');
    // A worker importing `live` in another process: its transaction holds the job's lock.
    const worker = new pg.Client({ connectionString: t.database.url });
    await worker.connect();
    await worker.query('BEGIN');
    await worker.query(`SELECT pg_advisory_xact_lock(hashtextextended('news-import:' || $1, 0))`, [live]);
    const status = async (id: string) =>
      (await t.database.pool.query('SELECT status FROM news_import_jobs WHERE id = $1', [id])).rows[0].status;

    expect(await interruptOrphanImports(t.database.db)).toEqual([gone]);
    expect(await status(live)).toBe('running');
    // The worker's process dies: its connection closes, the lock goes, the next start sees it.
    await worker.end();
    expect(await interruptOrphanImports(t.database.db)).toEqual([live]);

    const list = await editor.get('/admin/news/import', { 'accept-language': 'fr' });
    expect(list.body).toMatch(/gone\.xml<\/a> — interrompu/);
    const page = await editor.get(`/admin/news/import/${gone}`, { 'accept-language': 'en' });
    expect(page.body).toContain('The server stopped while this import was running.');
    expect(page.body).not.toContain('http-equiv="refresh"');
    const before = await articleCount();
    const resumed = await editor.request('POST', `/admin/news/import/${gone}/resume`, { _csrf: csrfOf(page.body) });
    expect(resumed.statusCode, resumed.body).toBe(303);
    await importsInFlight();
    expect((await editor.get(`/admin/news/import/${gone}`, { 'accept-language': 'en' })).body).toContain(
      'Import finished.',
    );
    expect(await articleCount()).toBe(before + 2);
    expect((await t.app.inject({ url: '/vieux-2/' })).headers.location).toBe('/news/vieux-2');
    expect(fs.existsSync(file)).toBe(false);
    const twice = await editor.request('POST', `/admin/news/import/${gone}/resume`, { _csrf: csrfOf(page.body) });
    expect(twice.statusCode).toBe(409);
    expect(await articleCount()).toBe(before + 2);
    expect(await audited('news.import_resume')).toEqual([['gone.xml', editorEmail]]);

    // Its upload gone (a data directory restored without it): the job fails with a reason, importing nothing.
    const lost = await editor.request('POST', `/admin/news/import/${live}/resume`, { _csrf: csrfOf(page.body) });
    expect(lost.statusCode).toBe(303);
    expect((await editor.get(`/admin/news/import/${live}`, { 'accept-language': 'en' })).body).toContain(
      'The uploaded file is no longer on the server',
    );
    expect(await articleCount()).toBe(before + 2);
  });

  it('is for news editors only', async () => {
    const before = await articleCount();
    const m = await t.user('member');
    const member = await signIn(t.app, { email: m.user.email, password: m.password });
    expect((await member.get('/admin/news/import')).statusCode).toBe(403);
    const page = await member.get('/me');
    const res = await member.upload(
      '/admin/news/import',
      { _csrf: csrfOf(page.body) },
      { field: 'file', filename: 'export.xml', content: wxr, type: 'text/xml' },
    );
    expect(res.statusCode).toBe(403);
    expect(await articleCount()).toBe(before);
    expect((await t.app.inject({ url: '/admin/news/import' })).statusCode).not.toBe(200);
  });
});
