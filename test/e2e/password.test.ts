import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * A forgotten password and a changed one, through the real built server, a real SMTP server and
 * Chromium, in French: the admin asks for a link from the sign-in page, follows it from the mail,
 * chooses a new password (signed in at once), then changes it again from their account page.
 * Every page on the way is checked with axe-core.
 */

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
const RESET = 'une phrase de passe toute neuve';
const CHANGED = 'encore une autre phrase secrète';

let walk: Walk;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp();
  walk = await startWalk('e2e-password', {
    ESSAIM_ADMIN_EMAIL: ADMIN.email,
    ESSAIM_ADMIN_PASSWORD: ADMIN.password,
    SMTP_URL: smtp.url,
  });
}, 120_000);

afterAll(async () => {
  await walk?.close();
  await smtp?.close();
}, 120_000);

const signsIn = async (password: string) =>
  (
    await fetch(new URL('/api/v1/auth/tokens', walk.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password, name: 'check' }),
    })
  ).status === 201;

describe('a forgotten password, then a changed one, in French', () => {
  it('sign-in page → link by mail → new password → account page → changed again', { timeout: 120_000 }, async () => {
    const page = await walk.page({ locale: 'fr-BE' });

    await walk.visit(page, '/login');
    await Promise.all([
      page.waitForURL(/\/login\/forgot$/),
      page.getByRole('link', { name: 'Mot de passe oublié ?' }).click(),
    ]);
    await walk.audit(page);
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await walk.submit(page, 'M’envoyer un lien', /\/login\/forgot$/);
    await page.getByText('un lien pour choisir un nouveau mot de passe est en route').waitFor();

    const [mail] = await smtp.waitFor(1, 30_000);
    expect(mail!.subject).toMatch(/^Choisissez un nouveau mot de passe pour /);
    const link = /https?:\/\/\S+\/login\/reset\/[A-Za-z0-9_-]+/.exec(mail!.text ?? '')?.[0];
    expect(link, mail!.text).toBeTruthy();
    await walk.visit(page, new URL(link!).pathname);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(RESET);
    await page.getByLabel('Nouveau mot de passe, à nouveau', { exact: true }).fill(RESET);
    await walk.submit(page, 'Enregistrer mon nouveau mot de passe', /\/me\/password\?changed$/);
    await page.getByText('Votre mot de passe a été changé.').waitFor();
    expect(await signsIn(ADMIN.password)).toBe(false);
    expect(await signsIn(RESET)).toBe(true);

    // From the account page, with the current password this time.
    await walk.visit(page, '/me');
    await Promise.all([
      page.waitForURL(/\/me\/password$/),
      page.getByRole('link', { name: 'Changer mon mot de passe' }).click(),
    ]);
    await walk.audit(page);
    await page.getByLabel('Mot de passe actuel', { exact: true }).fill(RESET);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(CHANGED);
    await page.getByLabel('Nouveau mot de passe, à nouveau', { exact: true }).fill(CHANGED);
    await walk.submit(page, 'Changer mon mot de passe', /\/me\/password\?changed$/);
    expect(await signsIn(CHANGED)).toBe(true);

    // Two notices: one per change, in French.
    const notices = (await smtp.waitFor(3, 30_000)).slice(1);
    expect(notices.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Votre mot de passe pour .* a été changé$/),
      expect.stringMatching(/^Votre mot de passe pour .* a été changé$/),
    ]);

    expect(walk.audited).toEqual([
      '/login',
      '/login/forgot',
      '/login/forgot',
      expect.stringMatching(/^\/login\/reset\//),
      '/me/password?changed',
      '/me',
      '/me/password',
      '/me/password?changed',
    ]);
  });
});
