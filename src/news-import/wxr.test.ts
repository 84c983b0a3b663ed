import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { importWxr } from './wxr.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin', 'marie@example.org')).token;
});
afterAll(() => t.close());

const item = (o: Record<string, string>, extra = '') => `<item>
  <title>${o.title ?? 'Titre'}</title>
  <link>http://blog.example.org/${o.name ?? 'post'}/</link>
  <dc:creator><![CDATA[${o.creator ?? 'marie'}]]></dc:creator>
  <content:encoded><![CDATA[${o.content ?? '<p>Texte</p>'}]]></content:encoded>
  <excerpt:encoded><![CDATA[]]></excerpt:encoded>
  <wp:post_id>${o.id}</wp:post_id>
  <wp:post_date_gmt>${o.date ?? '2012-03-04 10:00:00'}</wp:post_date_gmt>
  <wp:post_name>${o.name ?? 'post'}</wp:post_name>
  <wp:status>${o.status ?? 'publish'}</wp:status>
  <wp:post_type>${o.type ?? 'post'}</wp:post_type>
  <wp:post_password>${o.password ?? ''}</wp:post_password>
  ${extra}
</item>`;

const wxr = (version: string, items: string, head = '') => `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/${version}/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/${version}/">
<channel>
  <title>Old blog</title>
  <wp:wxr_version>${version}</wp:wxr_version>
  <wp:base_site_url>http://blog.example.org</wp:base_site_url>
  <wp:author><wp:author_login>marie</wp:author_login><wp:author_email>marie@example.org</wp:author_email><wp:author_display_name><![CDATA[Marie]]></wp:author_display_name></wp:author>
  <wp:author><wp:author_login>paul</wp:author_login><wp:author_email>paul@elsewhere.example</wp:author_email><wp:author_display_name><![CDATA[Paul Contributeur]]></wp:author_display_name></wp:author>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>it-day</wp:category_nicename><wp:category_parent>events</wp:category_parent><wp:cat_name><![CDATA[IT day]]></wp:cat_name></wp:category>
  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>events</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Events]]></wp:cat_name></wp:category>
  <wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>it-day-news</wp:category_nicename><wp:category_parent>news</wp:category_parent><wp:cat_name><![CDATA[IT day]]></wp:cat_name></wp:category>
  <wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>news</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
  ${head}
  ${items}
</channel>
</rss>`;

const run = (xml: string | Buffer, opts = {}) =>
  importWxr(t.database.db, t.network, Readable.from([Buffer.from(xml)]), opts);
const all = async () =>
  (await t.api('GET', '/api/v1/articles?limit=100', {})).json().items as {
    title: string;
    slug: string;
    bodyMarkdown: string;
    categories: { path: string }[];
    authors: { name: string }[];
  }[];

describe('WXR import', () => {
  it('imports posts and pages of WXR 1.2 with authors, a category hierarchy listed child first, tags, statuses and link rewriting', async () => {
    const items = [
      item(
        {
          id: '10',
          title: 'Première journée',
          name: 'premiere-journee',
          content:
            '<p>Voir <a href="http://blog.example.org/deuxieme/">la suite</a>, <a href="http://blog.example.org/deuxieme-2/">autre</a> et <a href="http://blog.example.org.evil.net/deuxieme/">piège</a>.</p>',
        },
        '<category domain="category" nicename="it-day"><![CDATA[IT day]]></category><category domain="post_tag" nicename="charleroi"><![CDATA[Charleroi]]></category><wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author><![CDATA[Jo]]></wp:comment_author><wp:comment_author_email>jo@example.org</wp:comment_author_email><wp:comment_author_IP>1.2.3.4</wp:comment_author_IP><wp:comment_approved>1</wp:comment_approved><wp:comment_content><![CDATA[Bravo ]]]]><![CDATA[> fin]]></wp:comment_content></wp:comment>',
      ),
      item(
        { id: '11', title: 'Deuxième', name: 'deuxieme', creator: 'paul' },
        '<category domain="category" nicename="it-day-news"><![CDATA[IT day]]></category><wp:postmeta><wp:meta_key>_data</wp:meta_key><wp:meta_value><![CDATA[O:8:"stdClass":1:{s:1:"a";s:1:"b";}]]></wp:meta_value></wp:postmeta>',
      ),
      item({ id: '12', title: 'À propos', name: 'a-propos', type: 'page' }),
      item({ id: '13', title: 'Secret', name: 'secret', status: 'private' }),
      item({ id: '14', title: 'Protégé', name: 'protege', password: 'x' }),
      item({ id: '15', title: 'En attente', name: 'attente', status: 'pending' }),
      item({ id: '16', title: 'Futur', name: 'futur', status: 'future', date: '2099-01-01 09:00:00' }),
      item({ id: '17', title: 'Poubelle', name: 'poubelle', status: 'trash' }),
      item({ id: '18', title: 'Révision', name: '10-revision-v1', status: 'inherit', type: 'revision' }),
      item({ id: '19', title: 'Menu', name: 'menu', type: 'nav_menu_item' }),
      item(
        { id: '20', title: 'photo.jpg', name: 'photo', status: 'inherit', type: 'attachment' },
        '<wp:attachment_url>http://blog.example.org/wp-content/uploads/photo.jpg</wp:attachment_url>',
      ),
    ].join('\n');
    const r = await run(wxr('1.2', items));
    expect(r.counts).toMatchObject({ created: 7, failed: 0 });
    expect(r.skippedByKind).toEqual({ trash: 1, revision: 1, nav_menu_item: 1 });
    expect(r.attachments).toEqual(['http://blog.example.org/wp-content/uploads/photo.jpg']);
    expect(r.comments).toBe(1);
    const published = await all();
    expect(published.map((a) => a.title).sort()).toEqual(['Deuxième', 'Première journée', 'À propos']);
    const first = published.find((a) => a.title === 'Première journée')!;
    expect(first.categories.map((c) => c.path)).toEqual(['events/it-day']);
    expect(published.find((a) => a.title === 'Deuxième')!.categories.map((c) => c.path)).toEqual(['news/it-day']);
    expect(first.authors[0]!.name).toMatch(/^Test admin/); // matched by e-mail to the account
    expect(published.find((a) => a.title === 'Deuxième')!.authors[0]!.name).toBe('Paul Contributeur');
    expect(first.bodyMarkdown).toContain('href="/news/deuxieme"');
    expect(first.bodyMarkdown).toContain('http://blog.example.org/deuxieme-2/');
    expect(first.bodyMarkdown).toContain('http://blog.example.org.evil.net/deuxieme/');
    expect((await t.app.inject({ url: '/?p=11' })).headers.location).toBe('/news/deuxieme');
    expect((await t.app.inject({ url: '/premiere-journee/' })).headers.location).toBe('/news/premiere-journee');
    const scheduled = (await t.api('GET', '/api/v1/articles?status=scheduled', { token: admin })).json().items;
    expect(scheduled.map((a: { title: string }) => a.title)).toEqual(['Futur']);
    const privates = (await t.api('GET', '/api/v1/articles?status=private', { token: admin })).json().items;
    expect(privates.map((a: { title: string }) => a.title).sort()).toEqual(['Protégé', 'Secret']);

    const again = await run(wxr('1.2', items));
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
    const edited = await run(wxr('1.2', items.replace('<p>Texte</p>', '<p>Texte corrigé</p>')));
    expect(edited.counts.updated).toBeGreaterThanOrEqual(1);
  });

  it('reads WXR 1.0 and 1.1', async () => {
    for (const v of ['1.0', '1.1']) {
      const r = await run(
        wxr(v, item({ id: `3${v.replace('.', '')}`, title: `Version ${v}`, name: `version-${v.replace('.', '-')}` })),
      );
      expect(r.counts.created, v).toBe(1);
    }
  });

  it('refuses DOCTYPE, bad versions, other encodings, bad bytes, control characters and truncated files, importing nothing', async () => {
    const before = (await all()).length;
    const ok = item({ id: '90', title: 'Jamais', name: 'jamais' });
    await expect(run(wxr('1.2', ok).replace('<rss', '<!DOCTYPE rss [<!ENTITY a "aaaa">]>\n<rss'))).rejects.toThrow(
      /DOCTYPE/,
    );
    await expect(run(wxr('1.3', ok))).rejects.toThrow(/1\.3/);
    await expect(run(wxr('1.2', ok).replace('<wp:wxr_version>1.2</wp:wxr_version>', ''))).rejects.toThrow(/version/);
    await expect(run(wxr('1.2', ok).replace('UTF-8', 'ISO-8859-1'))).rejects.toThrow(/ISO-8859-1/);
    const latin = Buffer.concat([
      Buffer.from(wxr('1.2', ok).slice(0, 900)),
      Buffer.from([0xe9, 0x20]),
      Buffer.from(wxr('1.2', ok).slice(900)),
    ]);
    await expect(run(latin)).rejects.toThrow(/not UTF-8/);
    await expect(run(wxr('1.2', ok.replace('Jamais', 'Ja\u0001mais')))).rejects.toThrow(/line \d+, column \d+/);
    await expect(run(wxr('1.2', ok).slice(0, -40))).rejects.toThrow(/line/);
    await expect(run('not xml at all')).rejects.toThrow();
    expect((await all()).length).toBe(before);
  });

  it('keeps going past a bad item only when asked, reporting it', async () => {
    const bad = item({ id: 'x', title: 'Sans id', name: 'sans-id' });
    const good = item({ id: '95', title: 'Bonne', name: 'bonne' });
    await expect(run(wxr('1.2', bad + good))).rejects.toThrow(/no post id/);
    expect((await all()).some((a) => a.title === 'Bonne')).toBe(false);
    const r = await run(wxr('1.2', bad + good), { keepGoing: true });
    expect(r.counts).toMatchObject({ created: 1, failed: 1 });
    expect(r.lines.find((l) => l.outcome === 'failed')!.reason).toMatch(/no post id/);
  });

  it('keeps a sticky post first in the network’s news, not in a filtered list, and a second import finds it unchanged', async () => {
    const items = [
      item(
        { id: '70', title: 'Épinglé ancien', name: 'epingle', date: '2010-01-01 10:00:00' },
        '<wp:is_sticky>1</wp:is_sticky><category domain="post_tag" nicename="pin"><![CDATA[Pin]]></category>',
      ),
      item(
        { id: '71', title: 'Récent', name: 'recent', date: '2030-01-01 10:00:00' },
        '<category domain="post_tag" nicename="pin"><![CDATA[Pin]]></category>',
      ),
    ].join('\n');
    expect((await run(wxr('1.2', items))).counts.created).toBe(2);
    const titles = (await all()).map((a) => a.title);
    expect(titles[0]).toBe('Épinglé ancien');
    expect(titles.indexOf('Récent')).toBeGreaterThan(0);
    const page = (await t.app.inject({ url: '/news', headers: { 'accept-language': 'fr' } })).body;
    expect(page.indexOf('Épinglé ancien')).toBeLessThan(page.indexOf('Récent'));
    const tagged = (await t.api('GET', '/api/v1/articles?tag=pin', {}))
      .json()
      .items.map((a: { title: string }) => a.title);
    expect(tagged).toEqual(['Récent', 'Épinglé ancien']);
    expect((await run(wxr('1.2', items))).counts).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });
});
