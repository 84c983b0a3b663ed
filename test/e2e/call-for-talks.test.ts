import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * A call for talks through the real, built server in Chromium, every page checked with axe-core:
 * an organiser creates the call from its form, a visitor applies without an account, a juror
 * invited by e-mail accepts the invitation, declares no conflict and scores the talk, the organiser
 * sends the decisions, the speaker confirms from the mail, and the talk is on the event's programme.
 */

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
const TALK = 'Rust sans peur à Charleroi';

let walk: Walk;
let smtp: TestSmtp;
let eventId: string;

/** Brussels wall-clock time, as a datetime-local input takes it. */
const brussels = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Brussels',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(d)
    .replace(' ', 'T');

/** The path of the link in the mail to `to` whose path matches `re`, once the server has sent it. */
async function linkIn(to: string, re: RegExp): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    for (const m of smtp.received)
      if (JSON.stringify(m.to).includes(to)) {
        const found = re.exec(m.text ?? '');
        if (found) return new URL(found[0]).pathname;
      }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} with ${re}`);
}

beforeAll(async () => {
  smtp = await startSmtp();
  walk = await startWalk('e2e-calls', {
    ESSAIM_ADMIN_EMAIL: ADMIN.email,
    ESSAIM_ADMIN_PASSWORD: ADMIN.password,
    SMTP_URL: smtp.url,
  });
  const { token } = await walk.api<{ token: string }>('POST', '/api/v1/auth/tokens', { ...ADMIN, name: 'e2e calls' });
  await walk.api('POST', '/api/v1/chapters', { name: 'Charleroi', city: 'Charleroi', status: 'active' }, token);
  const start = new Date(Date.now() + 40 * 86_400_000);
  start.setUTCHours(16, 0, 0, 0);
  eventId = (
    await walk.api<{ id: string }>(
      'POST',
      '/api/v1/chapters/charleroi/events',
      {
        title: 'Journée IT de Charleroi',
        description: 'Des exposés.',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 4 * 3_600_000).toISOString(),
        capacity: 80,
        onlineUrl: 'https://meet.example.org/it-day',
      },
      token,
    )
  ).id;
}, 120_000);

afterAll(async () => {
  await walk?.close();
  await smtp?.close();
}, 120_000);

const click = (page: Page, name: string, to: RegExp) => walk.submit(page, name, to);

describe('a call for talks, from its form to the event’s programme', () => {
  it('is created, applied to, judged, decided and confirmed in the browser', { timeout: 300_000 }, async () => {
    // The organiser signs in and creates the call from its form.
    const organiser = await walk.page({ locale: 'en-GB' });
    await walk.visit(organiser, '/login');
    await organiser.locator('#f-email').fill(ADMIN.email);
    await organiser.locator('#f-password').fill(ADMIN.password);
    await Promise.all([
      organiser.waitForURL(/\/(admin|me)/),
      organiser.locator('form[action="/login"] button').click(),
    ]);
    await walk.visit(organiser, '/calls/new');
    await organiser.locator('#f-kind').selectOption('talks');
    await organiser.locator('#f-eventId').fill(eventId);
    await organiser.locator('#f-slug').fill('it-day-talks');
    for (const [l, title] of [
      ['fr', 'Appel à orateurs'],
      ['nl', 'Oproep voor sprekers'],
      ['en', 'Call for speakers'],
    ])
      await organiser.locator(`#f-title-${l}`).fill(title!);
    await organiser.locator('#f-opensAt').fill(brussels(new Date(Date.now() - 3_600_000)));
    await organiser.locator('#f-closesAt').fill(brussels(new Date(Date.now() + 7 * 86_400_000)));
    await organiser.locator('#f-stage0-name').fill('Programme committee');
    await organiser.locator('#f-places').fill('1');
    await click(organiser, 'Create the call', /\/calls\/it-day-talks\/edit\?done=created$/);

    // A visitor applies without an account.
    const speaker = await walk.page({ locale: 'fr-BE' });
    await walk.visit(speaker, '/calls/it-day-talks');
    await walk.visit(speaker, '/calls/it-day-talks/apply');
    await speaker.locator('#f-name').fill('Noémie Lefèvre');
    await speaker.locator('#f-email').fill('noemie@example.net');
    await speaker.locator('[name="title"]').fill(TALK);
    await speaker.locator('[name="a.summary"]').fill('Un exposé sur la sûreté mémoire.');
    await speaker.locator('[name="e.based_in_belgium"]').check();
    await click(speaker, 'Déposer', /\/s\/[A-Za-z0-9_-]+/);

    // The organiser invites a juror and runs the assignment.
    await walk.visit(organiser, '/calls/it-day-talks/jury');
    await organiser.locator('#f-email').fill('jules@example.net');
    await organiser.locator('#f-name').fill('Jules Juré');
    await organiser.locator('#f-locale').selectOption('en');
    await click(organiser, 'Invite', /\/calls\/it-day-talks\/jury\?stage=1&done=saved$/);
    await click(organiser, 'Run the assignment', /\/calls\/it-day-talks\/jury\?stage=1&done=saved$/);

    // The juror opens the invitation: a button, then the rules, the declaration and the review.
    const invite = await linkIn('jules@example.net', /https?:\/\/\S+\/jury\/invite\/[A-Za-z0-9_-]+/);
    const juror = await walk.page({ locale: 'en-GB' });
    await walk.visit(juror, invite);
    await click(juror, 'Accept the invitation and sign in', /\/jury\/it-day-talks$/);
    await juror.locator('#f-accept').check();
    await click(juror, 'Accept and start', /\/jury\/it-day-talks$/);
    await click(juror, 'Declare', /\/jury\/it-day-talks$/);
    await Promise.all([
      juror.waitForURL(/\/jury\/it-day-talks\/s\//),
      juror.getByRole('link', { name: 'Read and review' }).click(),
    ]);
    await walk.audit(juror);
    await juror.locator('#f-impact-5').check();
    await juror.locator('#f-feasibility-4').check();
    await click(juror, 'Save', /done=saved$/);

    // The organiser drafts, previews and sends the decisions.
    await walk.visit(organiser, '/calls/it-day-talks/results');
    await click(organiser, 'Draft decisions from the results', /results\?stage=1&done=saved$/);
    await click(organiser, 'Preview the letters', /results\?stage=1&done=saved$/);
    await click(organiser, 'Send all decisions', /results\?stage=1&done=saved$/);

    // The speaker confirms from the acceptance mail; the talk joins the event's programme.
    const confirm = await linkIn('noemie@example.net', /https?:\/\/\S+\/decisions\/confirm\/[A-Za-z0-9_-]+/);
    await walk.visit(speaker, confirm);
    await click(speaker, 'Je confirme', /\/decisions\/confirm\//);
    await walk.visit(speaker, `/events/${eventId}`);
    const main = (await speaker.locator('main').textContent()) ?? '';
    expect(main).toContain('Programme');
    expect(main).toContain(TALK);
    expect(main).toContain('Noémie Lefèvre');
  });
});
