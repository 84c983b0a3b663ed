import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { wxrDocument, wxrPost } from '../../test/support/old-site.js';
import { Readable } from 'node:stream';
import { importWxr } from './wxr.js';

/** A WordPress blog says its language in its export's channel: its posts are imported in it. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const exportOf = (language: string | undefined, id: number) => {
  const doc = wxrDocument(
    wxrPost('oud.example', { id, body: 'Een avond in Gent voor het netwerk.' }),
    'http://oud.example',
  );
  const withLanguage = language ? doc.replace('<channel>', `<channel><language>${language}</language>`) : doc;
  return Readable.from([Buffer.from(withLanguage)]);
};
const languageOf = async (slug: string) =>
  (await t.database.pool.query('SELECT language FROM articles WHERE slug = $1', [slug])).rows[0]?.language;

describe('the language of imported posts', () => {
  it('is the blog’s own (nl-BE → nl), unless the importer chose one; French when the export says nothing we speak', async () => {
    await importWxr(t.database.db, t.network, exportOf('nl-BE', 1));
    expect(await languageOf('billet-1')).toBe('nl');
    await importWxr(t.database.db, t.network, exportOf('nl-BE', 2), { language: 'en' });
    expect(await languageOf('billet-2')).toBe('en');
    await importWxr(t.database.db, t.network, exportOf('de-DE', 3));
    expect(await languageOf('billet-3')).toBe('fr');
    await importWxr(t.database.db, t.network, exportOf(undefined, 4));
    expect(await languageOf('billet-4')).toBe('fr');
  });
});
