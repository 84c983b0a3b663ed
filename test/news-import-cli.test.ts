import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startOldSite, wxrDocument, wxrPost } from './support/old-site.js';
import { runCli, tempDataDir } from './support/server.js';

// `essaim news import FILE.xml` runs the import in a worker thread with a bounded heap: what the
// user sees (the report, the errors, the exit code, the report file) must be the same as before.

const dirs: string[] = [];
const dataDir = (label: string) => {
  const d = tempDataDir(label);
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const files = dataDir('news-import-files');
const write = (name: string, content: string) => {
  const file = path.join(files, name);
  fs.writeFileSync(file, content);
  return file;
};

const item = (id: number, status = 'publish') => `<item><title>Article ${id}</title>
<link>http://old.example.org/article-${id}/</link><dc:creator>marie</dc:creator>
<content:encoded><![CDATA[<p>Le réseau, épisode ${id}.</p>]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2015-05-06 10:00:00</wp:post_date_gmt><wp:post_name>article-${id}</wp:post_name>
<wp:status>${status}</wp:status><wp:post_type>post</wp:post_type></item>`;
const wxr = (items: string) => `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>http://old.example.org</wp:base_site_url>
${items}
</channel></rss>`;

describe('essaim news import FILE.xml', { timeout: 180_000 }, () => {
  it('imports, reports on the terminal and in a file, then finds the same file unchanged', async () => {
    const env = { ESSAIM_DATA_DIR: dataDir('news-import-cli') };
    const file = write('export.xml', wxr([item(1), item(2), item(3, 'trash')].join('\n')));
    const report = path.join(files, 'report.json');
    const first = await runCli(['news', 'import', file, '--report', report], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('2 created · 0 updated · 0 unchanged · 1 skipped · 0 failed');
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as { counts: Record<string, number> };
    expect(json.counts).toMatchObject({ created: 2, skipped: 1 });
    const again = await runCli(['news', 'import', file], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 created · 0 updated · 2 unchanged · 1 skipped · 0 failed');
  });

  it('a refused file: one line on stderr naming the place, exit code 1, nothing imported', async () => {
    const env = { ESSAIM_DATA_DIR: dataDir('news-import-bad') };
    const bomb = write(
      'bomb.xml',
      `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<rss version="2.0"><channel></channel></rss>`,
    );
    const res = await runCli(['news', 'import', bomb], env);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toMatch(/^essaim: .*line 2/);
    expect(res.stdout).toBe('');
    const missing = await runCli(['news', 'import', path.join(files, 'nope.xml')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.xml');
  });
});

describe('essaim news fetch-media', { timeout: 180_000 }, () => {
  it('fetches the pictures imported posts show from the old site, reports each, and says so for an unknown post', async () => {
    const png = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#a52' } })
      .png()
      .toBuffer();
    const site = await startOldSite({ '/wp-content/uploads/chorale.png': png });
    try {
      // The webhooks' explicit allowance lets the outbound address guard reach the local old site.
      const env = { ESSAIM_DATA_DIR: dataDir('news-fetch-media'), ALLOW_PRIVATE_WEBHOOKS: '1' };
      const body = `<p><img src="${site.upload('chorale.png')}" alt="La chorale"> <img src="${site.upload('absente.png')}"></p>`;
      const file = write('pictures.xml', wxrDocument(wxrPost(site.host, { id: 1, body }), `http://${site.host}`));
      const imported = await runCli(['news', 'import', file], env);
      expect(imported.code, imported.stderr).toBe(0);
      expect(site.hits).toEqual([]);
      const fetched = await runCli(['news', 'fetch-media'], env);
      expect(fetched.code, fetched.stderr).toBe(0);
      expect(fetched.stdout).toContain('1 article with pictures from elsewhere · 1 fetched · 1 failed');
      expect(fetched.stdout).toMatch(new RegExp(`fetched  ${site.upload('chorale.png')} → /media/`));
      expect(fetched.stdout).toContain(`failed   ${site.upload('absente.png')} (HTTP 404)`);
      const unknown = await runCli(['news', 'fetch-media', '--post', 'nope'], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/^essaim: /);
    } finally {
      await site.close();
    }
  });
});
