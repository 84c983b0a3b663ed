import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { BATCH } from './wxr-batch.js';
import { importWxr } from './wxr.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const POSTS = 2 * BATCH + 50;

/** Newest first, as WordPress exports: each post links to the one before it, which comes LATER in the file. */
function archive(extra = '', host = 'old.example.org') {
  let items = '';
  for (let i = POSTS; i >= 1; i--)
    items += `<item><title>Billet ${i}</title><link>http://${host}/billet-${i}/</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[<p>Texte ${i}. ${i > 1 ? `<a href="http://${host}/billet-${i - 1}/">Avant</a>` : ''}</p>]]></content:encoded>
<wp:post_id>${i}</wp:post_id><wp:post_date_gmt>2016-01-01 10:00:00</wp:post_date_gmt><wp:post_name>billet-${i}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="news"><![CDATA[News]]></category><category domain="post_tag" nicename="t${i % 7}"><![CDATA[Sujet ${i % 7}]]></category></item>\n`;
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>http://${host}</wp:base_site_url>
<wp:author><wp:author_login>ed</wp:author_login><wp:author_display_name>Ed Itor</wp:author_display_name></wp:author>
<wp:category><wp:category_nicename>news</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>News</wp:cat_name></wp:category>
${items}${extra}</channel></rss>`);
}

/** Statements sent to PostgreSQL by any client while `fn` runs. */
async function counting<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const original = pg.Client.prototype.query;
  let statements = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    return { result: await fn(), statements };
  } finally {
    pg.Client.prototype.query = original;
  }
}

describe('WXR import in batches', () => {
  it('writes hundreds of posts in a few statements per batch, links across batches rewritten, and again unchanged', async () => {
    const { result: r, statements } = await counting(() =>
      importWxr(t.database.db, t.network, Readable.from([archive()])),
    );
    expect(r.counts).toMatchObject({ created: POSTS, failed: 0, updated: 0 });
    expect(r.redirects).toBe(2 * POSTS);
    // The one-at-a-time import sent about thirty statements per post.
    expect(statements).toBeLessThan(POSTS);

    // The last post of the first batch: its link pointed into the next batch, rewritten at the end.
    const { rows } = await t.database.pool.query<{ slug: string; body_markdown: string; body_html: string }>(
      `SELECT slug, body_markdown, body_html FROM articles WHERE network_id = $1 AND slug = $2`,
      [t.network.id, `billet-${POSTS - BATCH + 1}`],
    );
    expect(rows[0]!.body_markdown).toContain(`href="/news/billet-${POSTS - BATCH}"`);
    expect(rows[0]!.body_html).toContain(`href="/news/billet-${POSTS - BATCH}"`);
    const stale = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM articles WHERE network_id = $1 AND body_markdown LIKE '%old.example.org%'`,
      [t.network.id],
    );
    expect(stale.rows[0].n).toBe(0);
    const terms = await t.database.pool.query(
      `SELECT (SELECT count(*)::int FROM news_tags WHERE network_id = $1) AS tags,
              (SELECT count(*)::int FROM article_tags at JOIN articles a ON a.id = at.article_id WHERE a.network_id = $1) AS links,
              (SELECT count(*)::int FROM news_authors WHERE network_id = $1) AS authors,
              (SELECT count(*)::int FROM article_revisions WHERE network_id = $1) AS revisions`,
      [t.network.id],
    );
    // One revision per post; links within a batch are rewritten as it is written, so only the last
    // post of each full batch (its link points into the next one) gets a second revision at the end.
    expect(terms.rows[0]).toEqual({ tags: 7, links: POSTS, authors: 1, revisions: POSTS + 2 });
    expect((await t.app.inject({ url: '/billet-12/' })).headers.location).toBe('/news/billet-12');
    expect((await t.app.inject({ url: '/?p=123' })).headers.location).toBe('/news/billet-123');
    const page = await t.app.inject({ url: '/news/billet-42' });
    expect(page.body).toContain('Ed Itor');

    const again = await counting(() => importWxr(t.database.db, t.network, Readable.from([archive()])));
    expect(again.result.counts).toMatchObject({ created: 0, updated: 0, unchanged: POSTS });
    expect(again.statements).toBeLessThan(20);
  });

  it('updates a changed post and writes a post listed twice once', async () => {
    const twice = `<item><title>Billet 5 bis</title><link>http://old.example.org/billet-5/</link>
<content:encoded><![CDATA[<p>Autre</p>]]></content:encoded><wp:post_id>5</wp:post_id>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>`;
    const r = await importWxr(t.database.db, t.network, Readable.from([archive(twice)]));
    expect(r.counts).toMatchObject({ created: 0, updated: 1, unchanged: POSTS });
    const { rows } = await t.database.pool.query(
      `SELECT title FROM articles WHERE network_id = $1 AND source_key = 'wxr:http://old.example.org:5'`,
      [t.network.id],
    );
    expect(rows).toEqual([{ title: 'Billet 5 bis' }]);
  });

  it('gives free slugs next to articles already there, and writes a post listed again in a later batch once', async () => {
    // Another site's archive with the same post names: every slug is taken by the first import.
    const again = `<item><title>Billet ${POSTS} revu</title><link>http://autre.example.org/billet-${POSTS}/</link>
<content:encoded><![CDATA[<p>Revu</p>]]></content:encoded><wp:post_id>${POSTS}</wp:post_id>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>`;
    const r = await importWxr(t.database.db, t.network, Readable.from([archive(again, 'autre.example.org')]));
    expect(r.counts).toMatchObject({ created: POSTS, updated: 1, failed: 0 });
    const { rows } = await t.database.pool.query(
      `SELECT slug, title, body_markdown FROM articles WHERE network_id = $1 AND source_key LIKE 'wxr:http://autre.example.org:%'
       ORDER BY slug`,
      [t.network.id],
    );
    expect(rows).toHaveLength(POSTS);
    expect(rows.every((row) => /^billet-\d+-2$/.test(row.slug))).toBe(true);
    expect(rows.find((row) => row.slug === `billet-${POSTS}-2`)?.title).toBe(`Billet ${POSTS} revu`);
    // Its links go to this archive's articles, not to the first one's of the same name.
    expect(rows.find((row) => row.slug === 'billet-42-2')?.body_markdown).toContain('href="/news/billet-41-2"');
  });
});
