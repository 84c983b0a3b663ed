import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/server.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * Sign-up → profile → directory search, through the real built server, a real SMTP server and
 * Chromium: a newcomer signs up, follows the e-mailed link to confirm and choose a password, fills in a profile (from
 * Hainaut, living in Ixelles, opted in), then searches the directory without accents and with a
 * typo and finds a member from Liège — and never the member from Liège who did not opt in.
 * Every page on the way is checked with axe-core.
 */

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
const NEWCOMER = { name: 'Noor Claes', email: 'noor@example.org', password: 'a long enough password' };
const LISTED = { name: 'Ada Lemaire', email: 'ada@example.org', password: 'correct horse battery' };
const UNLISTED = { name: 'Hidden Dumont', email: 'hidden@example.org', password: 'correct horse battery' };

let walk: Walk;
let smtp: TestSmtp;
let listedId: string;
let unlistedId: string;

/** A member made with the CLI (the server keeps running), whose profile is then set through the API. */
async function member(who: typeof LISTED, profile: Record<string, unknown>): Promise<string> {
  const env = { ESSAIM_DATA_DIR: walk.dataDir };
  const made = await runCli(
    ['user', 'create', '--email', who.email, '--name', who.name, '--password', who.password],
    env,
  );
  expect(made.code, made.stderr).toBe(0);
  const { token } = await walk.api<{ token: string }>('POST', '/api/v1/auth/tokens', {
    email: who.email,
    password: who.password,
    name: 'e2e',
  });
  await walk.api('PATCH', '/api/v1/me/profile', profile, token);
  return (await walk.api<{ id: string }>('GET', '/api/v1/me', undefined, token)).id;
}

beforeAll(async () => {
  smtp = await startSmtp();
  walk = await startWalk('e2e-members', {
    ESSAIM_ADMIN_EMAIL: ADMIN.email,
    ESSAIM_ADMIN_PASSWORD: ADMIN.password,
    SMTP_URL: smtp.url,
  });
  listedId = await member(LISTED, {
    city: 'Liège',
    originRegion: 'BE-WHT',
    kind: 'tech',
    skills: ['JavaScript', 'Laravel'],
    bio: 'Développeuse web.',
    directoryVisible: true,
  });
  unlistedId = await member(UNLISTED, {
    city: 'Liège',
    originRegion: 'BE-WHT',
    kind: 'tech',
    skills: ['JavaScript'],
    directoryVisible: false,
  });
}, 120_000);

afterAll(async () => {
  await walk?.close();
  await smtp?.close();
}, 120_000);

const resultNames = (page: Page) => page.locator('main li a[href^="/members/"]').allTextContents();

describe('a newcomer signs up, fills in a profile and finds people in the directory', () => {
  it('sign-up → e-mail confirmation → profile → directory search', { timeout: 120_000 }, async () => {
    const page = await walk.page({ locale: 'en-GB' });

    // A visitor sees no directory: it asks them to sign in.
    await page.goto(new URL('/members', walk.server.url).toString());
    expect(new URL(page.url()).pathname).toBe('/login');

    await walk.visit(page, '/signup');
    await page.getByLabel('Name', { exact: true }).fill(NEWCOMER.name);
    await page.getByLabel('E-mail', { exact: true }).fill(NEWCOMER.email);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Create my account' }).click()]);
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    await walk.audit(page);

    // The confirmation arrives by real SMTP; its link opens a page with a button (scanners only GET).
    const [mail] = await smtp.waitFor(1, 30_000);
    expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toContain(NEWCOMER.email);
    const link = /https?:\/\/\S+\/verify\/[A-Za-z0-9_-]+/.exec(mail!.text ?? '')?.[0];
    expect(link, mail!.text).toBeTruthy();
    await walk.visit(page, new URL(link!).pathname);
    await page.getByLabel('Choose your password', { exact: true }).fill(NEWCOMER.password);
    await walk.submit(page, `Confirm ${NEWCOMER.email} and sign in`, /\/me\/profile\?welcome=1$/);

    // The profile: from Hainaut, living in Ixelles (the region of residence follows from the town).
    await page.getByLabel('City of residence', { exact: true }).fill('Ixelles');
    await page.getByLabel('Region of origin', { exact: true }).selectOption('BE-WHT');
    await page.getByLabel('Profile', { exact: true }).selectOption('tech');
    await page.getByLabel('Skills', { exact: true }).fill('PHP, JavaScript');
    await page.getByLabel('Show me in the member directory', { exact: true }).check();
    await walk.submit(page, 'Save', /\/me\/profile\?done=saved$/);
    expect(await page.getByLabel('City of residence', { exact: true }).inputValue()).toBe('Ixelles');
    expect(await page.getByLabel('Region of residence', { exact: true }).inputValue()).toBe('BE-BRU');
    expect(await page.getByLabel('Show me in the member directory', { exact: true }).isChecked()).toBe(true);

    // The directory: "liege" without its accent finds the listed member from Liège, never the unlisted one.
    await walk.visit(page, '/members');
    await page.getByLabel('Name, skill, place…', { exact: true }).fill('liege');
    await walk.submit(page, 'Search', /\/members\?.*q=liege/);
    expect(await resultNames(page)).toEqual([LISTED.name]);

    // A typo still finds both listed members who know JavaScript: the newcomer and Ada.
    await page.getByLabel('Name, skill, place…', { exact: true }).fill('javscript');
    await walk.submit(page, 'Search', /\/members\?.*q=javscript/);
    expect((await resultNames(page)).sort()).toEqual([LISTED.name, NEWCOMER.name].sort());

    // By region of origin, named in the visitor's language.
    await walk.visit(page, '/members?origin=BE-WHT&residence=BE-BRU');
    expect(await resultNames(page)).toEqual([NEWCOMER.name]);

    // Ada's profile opens; the unlisted member's answers 404, exactly like an unknown id.
    await walk.visit(page, `/members/${listedId}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(LISTED.name);
    expect(await page.locator('main').textContent()).toContain('Laravel');
    const hidden = await page.goto(new URL(`/members/${unlistedId}`, walk.server.url).toString());
    expect(hidden?.status()).toBe(404);
    expect(await page.locator('main').textContent()).not.toContain(UNLISTED.name);

    expect(walk.audited).toEqual([
      '/signup',
      '/signup',
      expect.stringMatching(/^\/verify\//),
      '/me/profile?welcome=1',
      '/me/profile?done=saved',
      '/members',
      expect.stringMatching(/^\/members\?.*q=liege/),
      expect.stringMatching(/^\/members\?.*q=javscript/),
      '/members?origin=BE-WHT&residence=BE-BRU',
      `/members/${listedId}`,
    ]);
  });
});
