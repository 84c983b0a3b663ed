import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession, signIn } from '../../test/support/forms.js';
import { check, UsageError } from '../cli-args.js';
import { translator } from '../web/i18n.js';
import { isGuessable } from './password-rule.js';
import { PasswordSchema } from './schemas.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const q = async (sql: string, params: unknown[] = []) => (await t.database.pool.query(sql, params)).rows;
const weak = 'aaaaaaaaaa';
const guessable = {
  en: 'is too easy to guess (one character repeated, a keyboard row or a common password): choose a longer phrase of several words',
  fr: 'est trop facile à deviner (un caractère répété, une rangée du clavier ou un mot de passe courant) : choisissez une phrase plus longue de plusieurs mots',
  nl: 'is te makkelijk te raden (één teken herhaald, een rij van het toetsenbord of een veelgebruikt wachtwoord): kies een langere zin van enkele woorden',
};
const escaped = (s: string) => s.replaceAll('’', '&#8217;');

/** The message sits under the password field and, in the summary, after the field's own label. */
function expectRefusedPassword(body: string, label: string, sep: string, message: string) {
  expect(body).toContain(`<p class="field-error" id="f-password-error">${escaped(message)}</p>`);
  expect(body).toContain(`<a href="#f-password"><span class="label">${label}</span>${sep}${escaped(message)}</a>`);
}

describe('the password rule', () => {
  it('refuses what a guesser tries first and accepts ordinary passphrases', () => {
    for (const p of [
      'aaaaaaaaaa',
      'abababababab',
      '1212121212',
      '1234567890',
      '0987654321',
      'azertyuiop',
      'AZERTYUIOP1',
      'qwertyuiop!',
      'abcdefghijk',
      'motdepasse',
      'Wachtwoord123',
      'password123',
    ])
      expect(isGuessable(p), p).toBe(true);
    for (const p of [
      'a long enough password',
      'zoé has a password',
      'correct horse battery',
      'Bruxelles2026!',
      'xK9-pq_7Zt',
    ])
      expect(isGuessable(p), p).toBe(false);
    // The length rule says its own thing first: a short password is not also called guessable.
    const short = PasswordSchema.safeParse('aaaa');
    expect(short.success || short.error.issues.map((i) => i.message)).toEqual(['must be at least 10 characters']);
  });

  it('/verify refuses the weak password, in French, on the password field, and leaves the account unconfirmed', async () => {
    const res = await t.api('POST', '/api/v1/auth/signup', {
      body: { name: 'Zoé', email: 'weak-verify@example.org', locale: 'fr' },
    });
    expect(res.statusCode).toBe(202);
    const [mail] = await q(`SELECT text_body FROM outbound_messages WHERE to_email = 'weak-verify@example.org'`);
    const token = /\/verify\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1]!;
    const b = new FormSession(t.app, { 'accept-language': 'fr' });
    const refused = await b.submit(`/verify/${token}`, `/verify/${token}`, { password: weak });
    expect(refused.statusCode).toBe(400);
    expectRefusedPassword(
      refused.body,
      'Choisissez votre mot de passe',
      translator('fr')('form.labelSeparator'),
      guessable.fr,
    );
    const [user] = await q(
      `SELECT email_verified_at, password_hash FROM users WHERE email = 'weak-verify@example.org'`,
    );
    expect(user).toEqual({ email_verified_at: null, password_hash: null });
    // The same link still works with a good one.
    expect(
      (await b.submit(`/verify/${token}`, `/verify/${token}`, { password: 'trois mots suffisent' })).statusCode,
    ).toBe(303);
  });

  it('an admin creating an account is refused the same password, in Dutch, and no account is made', async () => {
    const admin = await t.user('admin');
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'nl' });
    const refused = await b.submit('/admin/members', '/admin/members', {
      name: 'Weak Pieter',
      email: 'weak-admin@example.org',
      password: weak,
      role: 'member',
    });
    expect(refused.statusCode).toBe(400);
    expectRefusedPassword(refused.body, 'Wachtwoord', translator('nl')('form.labelSeparator'), guessable.nl);
    expect(await q(`SELECT id FROM users WHERE email = 'weak-admin@example.org'`)).toEqual([]);
  });

  it('the command line refuses it with the English words', () => {
    expect(() => check(PasswordSchema, weak, '--password')).toThrow(UsageError);
    expect(() => check(PasswordSchema, weak, '--password')).toThrow(`--password ${guessable.en}`);
    expect(check(PasswordSchema, 'a long enough password', '--password')).toBe('a long enough password');
  });
});
