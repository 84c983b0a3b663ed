import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { blobStoreFor, saveImage } from '../storage/service.js';
import { importWxr } from './wxr.js';
import { recordImportedMedia } from './wxr-extras.js';

// Comments, post parents and featured images of a WordPress export: each with its own fixture.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const item = (o: Record<string, string>, extra = '') => `<item>
  <title>${o.title}</title>
  <link>http://old.example.org/${o.link ?? o.name}/</link>
  <dc:creator><![CDATA[marie]]></dc:creator>
  <content:encoded><![CDATA[${o.content ?? '<p>Texte</p>'}]]></content:encoded>
  <excerpt:encoded><![CDATA[]]></excerpt:encoded>
  <wp:post_id>${o.id}</wp:post_id>
  <wp:post_date_gmt>2015-05-06 10:00:00</wp:post_date_gmt>
  <wp:post_name>${o.name}</wp:post_name>
  <wp:status>${o.status ?? 'publish'}</wp:status>
  <wp:post_parent>${o.parent ?? '0'}</wp:post_parent>
  <wp:post_type>${o.type ?? 'post'}</wp:post_type>
  ${extra}
</item>`;

const comment = (c: { id: string; parent?: string; author: string; text: string; approved?: string; date?: string }) =>
  `<wp:comment><wp:comment_id>${c.id}</wp:comment_id><wp:comment_author><![CDATA[${c.author}]]></wp:comment_author>
  <wp:comment_author_email>${c.author.toLowerCase()}@mail.example</wp:comment_author_email><wp:comment_author_IP>203.0.113.9</wp:comment_author_IP>
  <wp:comment_date_gmt>${c.date ?? '2015-05-07 08:30:00'}</wp:comment_date_gmt><wp:comment_content><![CDATA[${c.text}]]></wp:comment_content>
  <wp:comment_approved>${c.approved ?? '1'}</wp:comment_approved><wp:comment_parent>${c.parent ?? '0'}</wp:comment_parent></wp:comment>`;

const wxr = (items: string) => `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>http://old.example.org</wp:base_site_url>
<wp:author><wp:author_login>marie</wp:author_login><wp:author_email>marie@old.example</wp:author_email><wp:author_display_name>Marie</wp:author_display_name></wp:author>
${items}
</channel></rss>`;

const run = (xml: string) => importWxr(t.database.db, t.network, Readable.from([Buffer.from(xml)]));
const page = (url: string) => t.app.inject({ method: 'GET', url });
const scalar = async (sql: string, ...params: unknown[]) => (await t.database.pool.query(sql, params)).rows;

describe('WXR import: comments as a read-only archive', () => {
  const comments = [
    comment({ id: '101', author: 'Anne', text: 'Merci pour cet <b>article</b> <script>alert(1)</script>' }),
    comment({
      id: '102',
      parent: '101',
      author: 'Marc',
      text: 'Je confirme, voir <a href="https://x.example/">ici</a>',
      date: '2015-05-08 09:00:00',
    }),
    comment({ id: '103', parent: '102', author: 'Anne', text: 'Réponse à la réponse', date: '2015-05-09 09:00:00' }),
    comment({ id: '104', author: 'Spammeur', text: 'Achetez', approved: '0' }),
    comment({ id: '105', author: 'Pinger', text: 'spam', approved: 'spam' }),
  ].join('\n');
  const file = wxr(item({ id: '1', title: 'Les commentaires', name: 'les-commentaires' }, comments));

  it('keeps approved comments with their threads, drops e-mail and IP, and shows them under the article', async () => {
    const r = await run(file);
    expect(r.counts.created).toBe(1);
    expect(r.archive.comments).toBe(3);
    const rows = await scalar('SELECT * FROM article_comments ORDER BY source_id');
    expect(rows.map((c) => c.author_name)).toEqual(['Anne', 'Marc', 'Anne']);
    // Nothing of the commenters' addresses is stored anywhere in the row.
    expect(JSON.stringify(rows)).not.toMatch(/mail\.example|203\.0\.113\.9/);
    const html = (await page('/news/les-commentaires')).body;
    expect(html).toContain('3 commentaires de l’ancien site');
    expect(html).toContain('commentaires sont fermés');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('Achetez');
    expect(html).toContain('rel="nofollow ugc noopener"');
    // Threads: Marc's reply is inside Anne's comment, Anne's answer inside Marc's.
    const anne = html.indexOf('Merci pour cet');
    const marc = html.indexOf('Je confirme');
    const again = html.indexOf('Réponse à la réponse');
    expect(anne).toBeGreaterThan(0);
    expect(marc).toBeGreaterThan(anne);
    expect(again).toBeGreaterThan(marc);
    const nested = html.slice(anne, again);
    expect(nested.match(/<ol class="comments">/g)?.length).toBe(2);
    expect(html).toContain('<time datetime="2015-05-08T09:00:00.000Z">8 mai 2015</time>');
  });

  it('importing the same file again adds nothing; an edited export updates and removes', async () => {
    const again = await run(file);
    expect(again.counts).toMatchObject({ unchanged: 1, created: 0 });
    expect((await scalar('SELECT count(*)::int AS n FROM article_comments'))[0].n).toBe(3);
    const edited = wxr(
      item(
        { id: '1', title: 'Les commentaires', name: 'les-commentaires' },
        [
          comment({ id: '101', author: 'Anne', text: 'Merci (modifié)' }),
          comment({ id: '102', parent: '101', author: 'Marc', text: 'Je confirme', approved: '0' }),
        ].join('\n'),
      ),
    );
    await run(edited);
    const rows = await scalar('SELECT source_id, body_html FROM article_comments ORDER BY source_id');
    expect(rows).toEqual([{ source_id: '101', body_html: '<p>Merci (modifié)</p>' }]);
    // The reply whose parent left the archive is gone with it; the page shows one comment.
    expect((await page('/news/les-commentaires')).body).toContain('1 commentaire de l’ancien site');
  });
});

describe('WXR import: pages under pages', () => {
  const file = wxr(
    [
      // The child comes before its parent in the file, as WordPress may list them.
      item({ id: '32', title: 'L’équipe', name: 'equipe', link: 'a-propos/equipe', type: 'page', parent: '31' }),
      item({
        id: '33',
        title: 'Les bénévoles',
        name: 'benevoles',
        link: 'a-propos/equipe/benevoles',
        type: 'page',
        parent: '32',
      }),
      item({ id: '31', title: 'À propos', name: 'a-propos', type: 'page' }),
    ].join('\n'),
  );

  it('gives a child page its nested URL and a breadcrumb, old addresses answer with it directly', async () => {
    const r = await run(file);
    expect(r.archive.parents).toBe(2);
    const res = await page('/news/a-propos/equipe/benevoles');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<nav aria-label="Vous êtes ici" class="breadcrumb">');
    expect(res.body).toMatch(
      /<a href="\/news\/a-propos">À propos<\/a>.*<a href="\/news\/a-propos\/equipe">L’équipe<\/a>/s,
    );
    expect(res.body).toContain(`<link rel="canonical" href="${t.config.baseUrl}/news/a-propos/equipe/benevoles"`);
    // The parent lists the pages under it.
    expect((await page('/news/a-propos')).body).toContain('<a href="/news/a-propos/equipe">L’équipe</a>');
    // The flat address and the old WordPress one lead to the nested URL in one step.
    const flat = await page('/news/benevoles');
    expect([flat.statusCode, flat.headers.location]).toEqual([301, '/news/a-propos/equipe/benevoles']);
    const old = await page('/a-propos/equipe/benevoles/');
    expect([old.statusCode, old.headers.location]).toEqual([301, '/news/a-propos/equipe/benevoles']);
    // A nesting that is not the page's own is not the page.
    expect((await page('/news/equipe/benevoles')).statusCode).toBe(404);
    const api = (await t.api('GET', '/api/v1/articles?limit=100', {})).json().items as {
      slug: string;
      url: string;
      parents: { slug: string }[];
    }[];
    const child = api.find((a) => a.slug === 'benevoles')!;
    expect(child.url).toBe('/news/a-propos/equipe/benevoles');
    expect(child.parents.map((p) => p.slug)).toEqual(['a-propos', 'equipe']);
  });

  it('links a child page at its nested URL in the sitemap and the feeds, never at the flat one that redirects', async () => {
    const base = t.config.baseUrl;
    const map = (await page('/sitemap.xml')).body;
    expect(map).toContain(`<loc>${base}/news/a-propos/equipe/benevoles</loc>`);
    expect(map).toContain(`<loc>${base}/news/a-propos/equipe</loc>`);
    expect(map).toContain(`<loc>${base}/news/a-propos</loc>`);
    expect(map).not.toContain(`<loc>${base}/news/benevoles</loc>`);
    expect(map).not.toContain(`<loc>${base}/news/equipe</loc>`);
    const rss = (await page('/news.rss')).body;
    expect(rss).toContain(`<link>${base}/news/a-propos/equipe/benevoles</link>`);
    expect(rss).not.toContain(`<link>${base}/news/benevoles</link>`);
    const atom = (await page('/news.atom')).body;
    expect(atom).toContain(`<link rel="alternate" href="${base}/news/a-propos/equipe/benevoles"/>`);
    // Each of those addresses is the page itself, not a redirect.
    for (const loc of map.match(/<loc>[^<]*\/news\/[^<]*<\/loc>/g) ?? [])
      expect((await page(loc.slice(5 + base.length, -6))).statusCode).toBe(200);
  });

  it('importing again changes nothing', async () => {
    const before = await scalar('SELECT id, parent_id, revision FROM articles ORDER BY id');
    const again = await run(file);
    expect(again.counts).toMatchObject({ unchanged: 3, created: 0, updated: 0 });
    expect(await scalar('SELECT id, parent_id, revision FROM articles ORDER BY id')).toEqual(before);
  });
});

describe('WXR import: featured images', () => {
  const attachment = (id: string, url: string) =>
    item(
      { id, title: 'image', name: `image-${id}`, type: 'attachment', status: 'inherit' },
      `<wp:attachment_url>${url}</wp:attachment_url>`,
    );
  const thumb = (id: string) =>
    `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[${id}]]></wp:meta_value></wp:postmeta>`;
  const file = wxr(
    [
      item({ id: '51', title: 'Avec une photo déjà là', name: 'photo-la' }, thumb('61')),
      item({ id: '52', title: 'Avec une photo à chercher', name: 'photo-plus-tard' }, thumb('62')),
      attachment('61', 'http://old.example.org/wp-content/uploads/la.jpg'),
      attachment('62', 'http://old.example.org/wp-content/uploads/plus-tard.jpg'),
    ].join('\n'),
  );
  const picture = async (name: string) => {
    const bytes = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#08c' } })
      .png()
      .toBuffer();
    return saveImage(t.database.db, blobStoreFor(t.config), t.network.id, { field: 'cover', name, bytes }, null);
  };

  it('makes the attachment the cover when its file is here, and records the others for a later fetch', async () => {
    const here = await picture('la.jpg');
    await recordImportedMedia(t.database.db, t.network.id, 'http://old.example.org/wp-content/uploads/la.jpg', here.id);
    const r = await run(file);
    expect(r.archive.covers).toEqual({ set: 1, waiting: 1 });
    const html = (await page('/news/photo-la')).body;
    expect(html).toContain(`srcset="/media/${here.id}/320.webp 320w`);
    expect(html).toContain(`<meta property="og:image" content="${t.config.baseUrl}/media/${here.id}/`);
    const later = await scalar("SELECT cover_upload_id, cover_source_url FROM articles WHERE slug = 'photo-plus-tard'");
    expect(later).toEqual([
      { cover_upload_id: null, cover_source_url: 'http://old.example.org/wp-content/uploads/plus-tard.jpg' },
    ]);
    expect((await page('/news/photo-plus-tard')).body).not.toContain('srcset=');
  });

  it('a file fetched later becomes the waiting cover; importing again keeps both covers', async () => {
    const fetched = await picture('plus-tard.jpg');
    const n = await recordImportedMedia(
      t.database.db,
      t.network.id,
      'http://old.example.org/wp-content/uploads/plus-tard.jpg',
      fetched.id,
    );
    expect(n).toBe(1);
    expect((await page('/news/photo-plus-tard')).body).toContain(`/media/${fetched.id}/320.webp`);
    const before = await scalar('SELECT slug, cover_upload_id, revision FROM articles ORDER BY slug');
    const again = await run(file);
    expect(again.counts).toMatchObject({ unchanged: 2, created: 0 });
    expect(again.archive.covers).toEqual({ set: 2, waiting: 0 });
    expect(await scalar('SELECT slug, cover_upload_id, revision FROM articles ORDER BY slug')).toEqual(before);
  });
});

describe('WXR import: slugs WordPress recorded before a rename, PHP-serialised meta', () => {
  const meta = (key: string, value: string) =>
    `<wp:postmeta><wp:meta_key>${key}</wp:meta_key><wp:meta_value><![CDATA[${value}]]></wp:meta_value></wp:postmeta>`;
  const file = wxr(
    item(
      { id: '71', title: 'Le nouveau nom', name: 'nouveau-nom', link: '2016/03/nouveau-nom' },
      [
        meta('_wp_old_slug', 'ancien-nom'),
        meta('_wp_old_slug', 'tout-premier-nom'),
        // Serialised PHP, objects included, is kept as text and never run or unserialised.
        meta('_wp_attachment_metadata', 'a:1:{s:4:"file";s:9:"photo.jpg";}'),
        meta('_thumbnail_id', 'O:8:"stdClass":1:{s:1:"a";i:1;}'),
      ].join(''),
    ),
  );

  it('answers the old permalinks under each old slug with a 301 to the article, in one step', async () => {
    const r = await run(file);
    expect(r.counts).toMatchObject({ created: 1, failed: 0 });
    // A serialised object where a featured image id should be is no featured image.
    expect(r.archive.covers).toEqual({ set: 0, waiting: 0 });
    for (const old of ['/2016/03/ancien-nom/', '/2016/03/tout-premier-nom/', '/2016/03/nouveau-nom/', '/?p=71']) {
      const res = await page(old);
      expect([res.statusCode, res.headers.location], old).toEqual([301, '/news/nouveau-nom']);
    }
    expect((await page('/news/nouveau-nom')).statusCode).toBe(200);
    expect((await page('/2016/03/autre-nom/')).statusCode).toBe(404);
  });
});
