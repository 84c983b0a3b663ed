import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { repairsOf } from '../text-repair/service.js';
import { readSources } from './files.js';
import { parseMarkdownSource } from './markdown-source.js';
import { importMarkdown } from './service.js';

let t: TestApp;
const seed = fs.readFileSync(new URL('../../test/fixtures/seed-004.txt', import.meta.url), 'utf8');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-md-'));

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('front matter', () => {
  it('maps WordPress, Jekyll and Hugo keys', () => {
    const wp = parseMarkdownSource(seed, { path: 'seed.md' });
    expect(wp).toMatchObject({
      sourceKey: 'md:id:23',
      status: 'published',
      permalink: '/le-co-working-une-nouvelle-vision-de-lentrepr',
      authors: ['@ramonsuarez'],
      categories: [],
      type: 'post',
    });
    expect(wp.tags).toContain('betacowork');
    expect(wp.date?.toISOString()).toBe('2011-06-10T10:31:00.000Z');
    expect(wp.ignoredKeys).toEqual(['post_format']);
    const hugo = parseMarkdownSource(
      '---\ntitle: Hugo\nslug: hugo-post\ndraft: true\ntags: [a, b]\ncategories: [News]\nlastmod: 2020-01-02\naliases: [/old/]\nsummary: Short\n---\nBody',
      { path: 'h.md' },
    );
    expect(hugo).toMatchObject({
      status: 'draft',
      slug: 'hugo-post',
      tags: ['a', 'b'],
      aliases: ['/old/'],
      excerpt: 'Short',
    });
  });

  it('refuses ---js, TOML, custom YAML tags and unclosed front matter with a message', () => {
    expect(() => parseMarkdownSource('---js\n{ title: (() => 1)() }\n---\n', { path: 'a' })).toThrow(/---js/);
    expect(() => parseMarkdownSource('+++\ntitle = "x"\n+++\n', { path: 'a' })).toThrow(/TOML/);
    expect(() => parseMarkdownSource('---\ntitle: !!js/function "x"\n---\n', { path: 'a' })).toThrow(/not valid YAML/);
    expect(() => parseMarkdownSource('---\ntitle: x\n', { path: 'a' })).toThrow(/never closed/);
  });

  it('reads the plain-text style of seed 000 only with a date', () => {
    expect(() => parseMarkdownSource('BetaGroup essaime en Province\n\nLe texte.', { path: 'p.txt' })).toThrow(
      /--date/,
    );
    const p = parseMarkdownSource('BetaGroup essaime en Province\n\nLe texte.', {
      path: 'p.txt',
      date: new Date('2013-10-01T12:00:00Z'),
    });
    expect(p).toMatchObject({ title: 'BetaGroup essaime en Province', body: 'Le texte.', sourceKey: 'md:path:p.txt' });
  });
});

describe('importing', () => {
  it('imports seed 004 with its damage repaired, idempotently, and reports it', async () => {
    const first = await importMarkdown(t.database.db, t.network, [{ path: 'seed-004.md', text: seed }]);
    expect(first.counts).toMatchObject({ created: 1, failed: 0 });
    const slug = first.lines[0]!.slug!;
    const list = (await t.api('GET', '/api/v1/articles?limit=100')).json();
    const article = list.items.find((a: { slug: string }) => a.slug === slug);
    expect(article, JSON.stringify(first)).toBeDefined();
    expect(article.slug).toBe(slug);
    expect(article.title).toBe('Le co-working, une nouvelle vision de l’entreprise [Podcast]');
    expect(article.bodyMarkdown).toContain('selon la [définition de Wikip??dia]'); // queued, not guessed
    expect(article.bodyMarkdown).toContain('un espace de travail partagé et un réseau qui encourage l’échange');
    expect(article.bodyMarkdown).toContain('http://www.rtbf.be/info/emissions?id=5017893'); // URLs untouched
    expect(article.excerpt).toContain('Le Co-Working, c’est selon la définition de Wikip??dia'); // rebuilt from the repaired text
    expect(article.authors).toEqual([{ slug: 'ramonsuarez', name: 'ramonsuarez' }]);
    expect(article.publishedAt).toBe('2011-06-10T10:31:00.000Z');

    // Measured: every ?-run of the seed, and how many the repair got right (applied, or proposed first).
    const repairs = await repairsOf(t.database.db, t.network.id, article.id);
    const body = repairs.filter((r) => r.field === 'body');
    const applied = body.filter((r) => r.state === 'applied');
    const queued = body.filter((r) => r.state === 'queued');
    const wrongApplied = applied.filter((r) => !expectedRight(r.original, r.replacement));
    const rightProposals = queued.filter((r) => expectedRight(r.original, r.replacement));
    console.log(
      `seed 004 body: ${body.length} damaged words; ${applied.length} repaired automatically (${wrongApplied.length} wrong), ${queued.length} queued of which ${rightProposals.length} with the right first proposal`,
    );
    expect(body.length).toBe(97);
    expect(body.every((r) => r.original in READING)).toBe(true);
    expect(wrongApplied).toEqual([]);
    expect(applied.length).toBe(91);
    expect(rightProposals.length).toBe(queued.length);

    // The original text is kept as the first revision.
    const admin = (await t.user('admin')).token;
    const revs = (await t.api('GET', `/api/v1/articles/${article.id}/revisions`, { token: admin })).json().items;
    expect(revs[0].note).toBe('import (original text)');
    expect(revs[1].note).toBe('repair');
    expect(revs[1].diff).toContain('-> Le Co-Working, c???est selon la [d??finition');

    const again = await importMarkdown(t.database.db, t.network, [{ path: 'seed-004.md', text: seed }]);
    expect(again.counts).toMatchObject({ created: 0, unchanged: 1 });
    const edited = await importMarkdown(t.database.db, t.network, [
      { path: 'seed-004.md', text: seed.replace('Photos: Betagroup', 'Photos : Betagroup') },
    ]);
    expect(edited.counts).toMatchObject({ updated: 1 });
    expect((await t.api('GET', '/api/v1/articles?q=podcast')).json().total).toBe(1);
  });

  it('renders the Markdown a WordPress export left inside <div> wrappers, and still sanitises it', async () => {
    // Shaped like an exported Posterous bookmark: wrappers on the same line as the Markdown they hold.
    const text = [
      '---',
      'title: Un billet enveloppé',
      'id: 7001',
      "date: '2012-03-04T10:00:00Z'",
      '---',
      '<div class="bookmark_entry">> ## [Un titre cité](https://exemple.be/billet)',
      '> ',
      '> <div class="postbody">![Une photo](https://exemple.be/photo.jpg)',
      '> ',
      '> Un paragraphe avec un [lien](https://exemple.be/lien) et du **gras**.',
      '> <script>alert(1)</script>',
      '> </div>',
      '',
      '<div class="citation">via [exemple.be](https://exemple.be/)</div><div></div></div>',
      '',
      '```html',
      '<div class="kept">## pas un titre</div>',
      '```',
      '',
      '<div>Écrivez `<div class="x">` pour un bloc.</div>',
    ].join('\n');
    const report = await importMarkdown(t.database.db, t.network, [{ path: 'wrapped.md', text }]);
    expect(report.counts).toMatchObject({ created: 1, failed: 0 });
    const slug = report.lines[0]!.slug!;
    const page = await t.api('GET', `/news/${slug}`);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('<h2><a href="https://exemple.be/billet">Un titre cité</a></h2>');
    // A picture on another site is a link on the page (the CSP would refuse it: news/external-images.ts).
    expect(html).toContain(
      '<a class="remote-picture" href="https://exemple.be/photo.jpg" rel="nofollow noopener">Image sur exemple.be : Une photo</a>',
    );
    expect(html).toContain('<a href="https://exemple.be/lien">lien</a>');
    expect(html).toContain('<strong>gras</strong>');
    expect(html).toContain('via <a href="https://exemple.be/">exemple.be</a>');
    expect(html).not.toContain('## [');
    expect(html).not.toContain('alert(1)');
    // Code is shown as written, wrapper and all.
    expect(html).toContain('&lt;div class="kept"&gt;## pas un titre&lt;/div&gt;');
    expect(html).toContain('<p>Écrivez <code>&lt;div class="x"&gt;</code> pour un bloc.</p>');
  });

  it('imports nothing when one file is bad, unless --keep-going; dry run writes nothing', async () => {
    const good = { path: 'good.md', text: '---\ntitle: Bonne nouvelle\nid: 900\n---\nUn texte très propre.' };
    const bad = { path: 'bad.md', text: '---js\nmodule.exports = {}\n---\n' };
    await expect(importMarkdown(t.database.db, t.network, [good, bad])).rejects.toThrow(/Nothing imported: bad.md/);
    expect((await t.api('GET', '/api/v1/articles?q=bonne')).json().total).toBe(0);
    const dry = await importMarkdown(t.database.db, t.network, [good, bad], { keepGoing: true, dryRun: true });
    expect(dry.counts).toMatchObject({ created: 1, failed: 1 });
    expect((await t.api('GET', '/api/v1/articles?q=bonne')).json().total).toBe(0);
    const kept = await importMarkdown(t.database.db, t.network, [good, bad], { keepGoing: true });
    expect(kept.lines.find((l) => l.path === 'bad.md')).toMatchObject({ outcome: 'failed' });
    // The anonymous list above is kept by the page cache; an import made outside a request reaches
    // it by the database's notification, within milliseconds rather than at once.
    await expect
      .poll(async () => (await t.api('GET', '/api/v1/articles?q=bonne')).json().total, { timeout: 1000 })
      .toBe(1);
  });

  it('never publishes private, draft or pending posts, and skips trash', async () => {
    const files = ['private', 'draft', 'pending', 'trash', 'future'].map((s, i) => ({
      path: `${s}.md`,
      text: `---\ntitle: Statut ${s}\nid: ${1000 + i}\nstatus: ${s}\ndate: '2099-01-01T10:00:00Z'\n---\nTexte.`,
    }));
    const r = await importMarkdown(t.database.db, t.network, files);
    expect(r.counts).toMatchObject({ created: 4, skipped: 1 });
    expect((await t.api('GET', '/api/v1/articles?q=statut')).json().total).toBe(0);
    const admin = (await t.user('admin')).token;
    const scheduled = (await t.api('GET', '/api/v1/articles?status=scheduled', { token: admin })).json().items;
    expect(scheduled.map((a: { title: string }) => a.title)).toEqual(['Statut future']);
  });

  it('reads a folder and a zip', async () => {
    fs.mkdirSync(path.join(dir, 'posts'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'posts', 'a.md'), '---\ntitle: A\n---\nA');
    fs.writeFileSync(path.join(dir, 'notes.pdf'), 'x');
    expect((await readSources(dir)).map((f) => f.path)).toEqual(['posts/a.md']);
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('---\ntitle: Z\n---\nZ'), 'export/z.md');
    zip.addBuffer(Buffer.from('x'), '__MACOSX/._z.md');
    zip.end();
    const file = path.join(dir, 'export.zip');
    await new Promise<void>((resolve) =>
      zip.outputStream.pipe(fs.createWriteStream(file)).on('close', () => resolve()),
    );
    expect((await readSources(file)).map((f) => f.path)).toEqual(['export/z.md']);
  });
});

/**
 * Each damaged word of seed 004's body as a French reader restores it (checked by reading the
 * text: elisions take ’, the rest the accented letters French spells them with).
 */
const READING: Record<string, string> = {
  'l???entreprise': 'l’entreprise',
  'c???est': 'c’est',
  'd??finition': 'définition',
  'Wikip??dia': 'Wikipédia',
  'd???organisation': 'd’organisation',
  'partag??': 'partagé',
  'r??seau': 'réseau',
  'l?????change': 'l’échange',
  'l???ouverture': 'l’ouverture',
  'l???id??e': 'l’idée',
  'n???est': 'n’est',
  'pass??': 'passé',
  '??crivains': 'écrivains',
  'regroup??s': 'regroupés',
  'qu???ils': 'qu’ils',
  'd??veloppait': 'développait',
  '??uvre': 'œuvre',
  'originalit??': 'originalité',
  'proximit??': 'proximité',
  'convivialit??': 'convivialité',
  '??changes': 'échanges',
  'cr??ativit??': 'créativité',
  'r??flexion': 'réflexion',
  '??a': 'ça',
  'd???individualit??s': 'd’individualités',
  'cr??ateurs': 'créateurs',
  'd???aujourd???hui': 'd’aujourd’hui',
  'l???information': 'l’information',
  'r??ussite': 'réussite',
  'l???inscrivent': 'l’inscrivent',
  'sensibilit??': 'sensibilité',
  'd??veloppement': 'développement',
  'd???ici': 'd’ici',
  't??te': 'tête',
  'connect??': 'connecté',
  's???ils': 's’ils',
  'n???ont': 'n’ont',
  'd??bordent': 'débordent',
  'd???id??es': 'd’idées',
  'red??marrent': 'redémarrent',
  'ma??tre': 'maître',
  'D???o??': 'D’où',
  'l???utilit??': 'l’utilité',
  'l???acc??s': 'l’accès',
  '??': 'à',
  'adapt??': 'adapté',
  'm??me': 'même',
  'm??caniquement': 'mécaniquement',
  'r??seautage': 'réseautage',
  'diff??rentes': 'différentes',
  'comp??tences': 'compétences',
  'li??es': 'liées',
  'qu???une': 'qu’une',
  'd??velopp??s': 'développés',
  'derni??res': 'dernières',
  'ann??es': 'années',
  'R??gion': 'Région',
  'l???Arsenal': 'l’Arsenal',
  'C???est': 'C’est',
  '??conomique': 'économique',
  'cl??': 'clé',
  'd???annoncer': 'd’annoncer',
  'd???un': 'd’un',
  'ind??pendant': 'indépendant',
  's??lectionner': 'sélectionner',
  'b??n??ficier': 'bénéficier',
  'd???une': 'd’une',
  'd??part': 'départ',
  'l???Agence': 'l’Agence',
  'T??l??communications': 'Télécommunications',
  'o??': 'où',
  'apr??s': 'après',
  '??lections': 'élections',
  'englu??': 'englué',
  'd??bats': 'débats',
  '??conomiques': 'économiques',
  'h??rit??s': 'hérités',
  'g??n??rations': 'générations',
  'd???entrepreneurs': 'd’entrepreneurs',
  'd??fis': 'défis',
  'si??cle': 'siècle',
  'privil??giant': 'privilégiant',
  'l???initiative': 'l’initiative',
  'Premi??re': 'Première',
};
const expectedRight = (original: string, replacement: string) => READING[original] === replacement;
