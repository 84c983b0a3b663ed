import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the site icon', () => {
  it('is named by every page and answered where browsers look for it by habit', async () => {
    const home = await t.app.inject({ url: '/', headers: { 'accept-language': 'fr' } });
    expect(home.body).toContain('<link rel="icon" href="/assets/icon.svg" type="image/svg+xml"');
    for (const url of ['/assets/icon.svg', '/favicon.ico']) {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/svg+xml');
      expect(res.body).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(res.headers['cache-control']).toContain('max-age=86400');
    }
  });
});
