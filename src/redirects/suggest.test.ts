import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent } from '../../test/support/factories.js';
import { addressWords } from './suggest.js';

// The 404 page suggests what the missing address was probably about.

let t: TestApp;
const get = (url: string) => t.app.inject({ url });
const suggestions = (html: string) =>
  [
    ...(/<nav aria-labelledby="suggestions">(.*?)<\/nav>/s.exec(html)?.[1] ?? '').matchAll(
      /<a href="([^"]+)">([^<]+)<\/a>/g,
    ),
  ].map((m) => [m[1], m[2]]);

beforeAll(async () => {
  t = await startTestApp();
  const admin = (await t.user('admin')).token;
  for (const title of ['Coworking à Mons, première', 'Coworking à Mons, deuxième', 'Le vélo à Namur'])
    await t.api('POST', '/api/v1/articles', {
      token: admin,
      body: { title, status: 'published', bodyMarkdown: 'Texte.' },
    });
  await t.api('POST', '/api/v1/articles', {
    token: admin,
    body: { title: 'Coworking à Mons, brouillon', status: 'draft', bodyMarkdown: 'Pas encore.' },
  });
  const chapter = await makeChapter(t, admin, { name: 'Namur' });
  await makeEvent(t, admin, chapter.slug, { title: 'Atelier réparation vélo' });
});
afterAll(() => t.close());

describe('the 404 page', () => {
  it('lists the articles a truncated old slug starts, never a draft, and no redirect when there are several', async () => {
    const res = await get('/2012/03/coworking-a-mons/?lang=fr');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Vous cherchiez peut-être :');
    expect(suggestions(res.body)).toEqual([
      ['/news/coworking-a-mons-deuxieme', 'Coworking à Mons, deuxième'],
      ['/news/coworking-a-mons-premiere', 'Coworking à Mons, première'],
    ]);
  });

  it('searches the words of the address (accents and small typos forgiven), and upcoming events by title', async () => {
    const res = await get('/news/velo-namurr?lang=en');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Perhaps you were looking for:');
    const found = suggestions(res.body);
    expect(found).toContainEqual(['/news/le-velo-a-namur', 'Le vélo à Namur']);
    const event = await get('/agenda/atelier-reparation?lang=nl');
    expect(event.body).toContain('Misschien zocht je:');
    expect(suggestions(event.body).map((s) => s[1])).toEqual(['Atelier réparation vélo']);
  });

  it('offers nothing for files and addresses with no word, and still answers 404', async () => {
    for (const url of ['/wp-login.php', '/2019/05/', '/xyzzyq-plugh']) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('aria-labelledby="suggestions"');
    }
    expect(addressWords('/2011/06/10/Caf%C3%A9-de-la-gare/feed/')).toEqual(['café', 'gare']);
  });
});
