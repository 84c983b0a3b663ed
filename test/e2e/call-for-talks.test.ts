import type { Page } from 'playwright-core';
import PDFDocument from 'pdfkit';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * A call for talks through the real, built server in Chromium, every page checked with axe-core:
 * an organiser creates a blind call from its form, two visitors apply without an account (one
 * attaches a PDF whose properties name its author), three jurors invited by e-mail accept the
 * invitation and declare conflicts — one a hard conflict, which takes that talk out of their queue —
 * and score what is left without ever seeing an applicant's name, the organiser sends the decisions,
 * the accepted speaker confirms from the mail, and the talk is on the event's programme.
 */

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
const TALK = 'Rust sans peur à Charleroi';
const OTHER_TALK = 'Kubernetes voor beginners';
const NOEMIE = { name: 'Noémie Lefèvre', email: 'noemie@example.net' };
const PIETER = { name: 'Pieter Janssens', email: 'pieter@example.be' };
/** The author named in the PDF's properties: no applicant field carries it, only the file does. */
const PDF_AUTHOR = 'Gwendoline Vanderstraeten';
/** What a juror must never read while the stage is blind. */
const IDENTIFYING = [NOEMIE.name, NOEMIE.email, PIETER.name, PIETER.email, PDF_AUTHOR, 'Lefèvre', 'Janssens'];
const JURORS = [
  { email: 'jules@example.net', name: 'Jules Juré' },
  { email: 'ines@example.org', name: 'Inès Jurée' },
  { email: 'karel@example.com', name: 'Karel Jurylid' },
];

/** Slides as applicants send them: a PDF whose document properties name its author. */
async function slides(): Promise<Buffer> {
  const doc = new PDFDocument({ info: { Author: PDF_AUTHOR, Title: 'Slides', Creator: PDF_AUTHOR } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.text('Rust: ownership, borrowing, lifetimes.');
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

let walk: Walk;
let smtp: TestSmtp;
let eventId: string;
/** The event's canonical page, `/events/{id}-{slug}`. */
let eventUrl: string;

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
  ({ id: eventId, url: eventUrl } = await walk.api<{ id: string; url: string }>(
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
  ));
}, 120_000);

afterAll(async () => {
  await walk?.close();
  await smtp?.close();
}, 120_000);

const click = (page: Page, name: string, to: RegExp) => walk.submit(page, name, to);

/** Every mail sent to `to` so far, subject and text together. */
const mailsTo = (to: string) =>
  smtp.received.filter((m) => JSON.stringify(m.to).includes(to)).map((m) => `${m.subject ?? ''}\n${m.text ?? ''}`);

/** Fails naming the first applicant's identifier that `text` (what a juror could read) shows. */
function expectBlind(text: string, where: string) {
  for (const id of IDENTIFYING) expect(text, `${where} shows "${id}"`).not.toContain(id);
}

/** A visitor applies without an account; returns the path of their own page (the secret link). */
async function apply(page: Page, who: { name: string; email: string }, title: string, submit: string) {
  await walk.visit(page, '/calls/it-day-talks');
  await walk.visit(page, '/calls/it-day-talks/apply');
  await page.locator('#f-name').fill(who.name);
  await page.locator('#f-email').fill(who.email);
  await page.locator('[name="title"]').fill(title);
  await page.locator('[name="a.summary"]').fill(`${title}: un exposé d’une heure.`);
  await page.locator('[name="e.based_in_belgium"]').check();
  await click(page, submit, /\/s\/[A-Za-z0-9_-]+/);
  return new URL(page.url()).pathname;
}

/** A juror accepts the invitation and the rules, then declares a level of conflict per talk. */
async function declare(email: string, levels: Record<string, 'none' | 'soft' | 'hard'>): Promise<Page> {
  const invite = await linkIn(email, /https?:\/\/\S+\/jury\/invite\/[A-Za-z0-9_-]+/);
  const juror = await walk.page({ locale: 'en-GB' });
  await walk.visit(juror, invite);
  await click(juror, 'Accept the invitation and sign in', /\/jury\/it-day-talks$/);
  await juror.locator('#f-accept').check();
  await click(juror, 'Accept and start', /\/jury\/it-day-talks$/);
  for (const [title, level] of Object.entries(levels)) {
    const item = juror.locator('main li').filter({ hasText: title });
    await item.locator('select').selectOption(level);
    await walk.submit(juror, item.getByRole('button', { name: 'Declare', exact: true }), /\/jury\/it-day-talks$/);
  }
  return juror;
}

/** A juror reads a talk — checking that nothing on the page or in its files names an applicant — and scores it. */
async function review(juror: Page, title: string, impact: number, feasibility: number, files = 0): Promise<string> {
  await walk.visit(juror, '/jury/it-day-talks');
  await Promise.all([
    juror.waitForURL(/\/jury\/it-day-talks\/s\//),
    juror.locator('main li').filter({ hasText: title }).getByRole('link', { name: 'Read and review' }).click(),
  ]);
  const id = new URL(juror.url()).pathname.split('/').pop()!;
  await walk.audit(juror);
  expectBlind(await juror.content(), `the review page of "${title}"`);
  const links = await juror.locator('article.blind a[href*="/files/"]').all();
  expect(links, `the files of "${title}"`).toHaveLength(files);
  for (const link of links) {
    expect(await link.textContent()).toBe('slides.pdf');
    const res = await juror.request.get(new URL((await link.getAttribute('href'))!, walk.server.url).toString());
    expect(res.status()).toBe(200);
    const bytes = await res.body();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expectBlind(`${bytes.toString('latin1')}\n${JSON.stringify(res.headers())}`, `the file of "${title}"`);
  }
  await juror.locator(`#f-impact-${impact}`).check();
  await juror.locator(`#f-feasibility-${feasibility}`).check();
  await click(juror, 'Save', /done=saved$/);
  return id;
}

describe('a call for talks, from its form to the event’s programme', () => {
  it('is created, applied to, judged blind, decided and confirmed in the browser', { timeout: 600_000 }, async () => {
    // The organiser signs in and creates a blind call from its form, with a file field for slides.
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
    await organiser.locator('#f-stage0-blind').check();
    await organiser.locator('#f-places').fill('1');
    const lists = parse(await organiser.locator('#f-lists').inputValue()) as { fields: unknown[] };
    lists.fields.push({ key: 'slides', kind: 'file', label: { fr: 'Slides', nl: 'Slides', en: 'Slides' } });
    await organiser.locator('#f-lists').fill(stringify(lists));
    await click(organiser, 'Create the call', /\/calls\/it-day-talks\/edit\?done=created$/);

    // Two visitors apply without an account; one attaches slides whose properties name their author.
    const pdf = await slides();
    expect(pdf.toString('latin1'), 'the PDF as sent names its author').toContain(PDF_AUTHOR);
    const speaker = await walk.page({ locale: 'fr-BE' });
    const mine = await apply(speaker, NOEMIE, TALK, 'Déposer');
    await speaker
      .locator('#f-file-slides')
      .setInputFiles({ name: 'Noemie-Lefevre-slides.pdf', mimeType: 'application/pdf', buffer: pdf });
    await walk.submit(
      speaker,
      speaker.locator('form[action$="/files/slides"] button'),
      /\/s\/[A-Za-z0-9_-]+\?done=saved$/,
    );
    expect(await speaker.locator('main').textContent()).toContain('Un fichier est joint');
    // What jurors will see, shown to the applicant before the deadline: no name, no file author.
    await walk.visit(speaker, `${mine}/preview`);
    expectBlind((await speaker.locator('main').textContent()) ?? '', 'the applicant’s blind preview');
    const other = await walk.page({ locale: 'nl-BE' });
    await apply(other, PIETER, OTHER_TALK, 'Indienen');

    // The organiser invites three jurors and runs the assignment (three reviews per talk by default).
    await walk.visit(organiser, '/calls/it-day-talks/jury');
    for (const j of JURORS) {
      await organiser.locator('#f-email').fill(j.email);
      await organiser.locator('#f-name').fill(j.name);
      await organiser.locator('#f-locale').selectOption('en');
      await click(organiser, 'Invite', /\/calls\/it-day-talks\/jury\?stage=1&done=saved$/);
    }
    await click(organiser, 'Run the assignment', /\/calls\/it-day-talks\/jury\?stage=1&done=saved$/);

    // Each juror declares before reading: Inès a soft conflict, Karel a hard one, which hides that talk.
    const jules = await declare(JURORS[0]!.email, { [TALK]: 'none', [OTHER_TALK]: 'none' });
    const ines = await declare(JURORS[1]!.email, { [TALK]: 'none', [OTHER_TALK]: 'soft' });
    const karel = await declare(JURORS[2]!.email, { [TALK]: 'hard', [OTHER_TALK]: 'none' });
    expect(await karel.locator('main').textContent()).not.toContain(TALK);
    for (const juror of [jules, ines, karel]) expectBlind(await juror.content(), 'a juror’s queue');

    const talkId = await review(jules, TALK, 5, 4, 1);
    await review(jules, OTHER_TALK, 2, 2);
    await review(ines, TALK, 4, 5, 1);
    await review(ines, OTHER_TALK, 3, 2);
    await review(karel, OTHER_TALK, 2, 3);
    // The hard conflict keeps Karel out of that talk even by its address.
    const hidden = await karel.request.get(new URL(`/jury/it-day-talks/s/${talkId}`, walk.server.url).toString());
    expect(hidden.status()).toBe(404);
    expectBlind(await hidden.text(), 'the error page of a hidden talk');

    // The organiser reads the results, drafts, previews and sends the decisions.
    await walk.visit(organiser, '/calls/it-day-talks/results');
    const results = (await organiser.locator('main').textContent()) ?? '';
    expect(results).toContain(TALK);
    expect(results).toContain(OTHER_TALK);
    const toPieter = mailsTo(PIETER.email).length;
    await click(organiser, 'Draft decisions from the results', /results\?stage=1&done=saved$/);
    await click(organiser, 'Preview the letters', /results\?stage=1&done=saved$/);
    await click(organiser, 'Send all decisions', /results\?stage=1&done=saved$/);

    // The speaker confirms from the acceptance mail; the other applicant is told too.
    const confirm = await linkIn(NOEMIE.email, /https?:\/\/\S+\/decisions\/confirm\/[A-Za-z0-9_-]+/);
    await walk.visit(speaker, confirm);
    await click(speaker, 'Je confirme', /\/decisions\/confirm\//);
    await expect.poll(() => mailsTo(PIETER.email).length, { timeout: 60_000 }).toBeGreaterThan(toPieter);

    // The accepted talk — and only it — joins the event's programme.
    await walk.visit(speaker, eventUrl);
    const main = (await speaker.locator('main').textContent()) ?? '';
    expect(main).toContain('Programme');
    expect(main).toContain(TALK);
    expect(main).toContain(NOEMIE.name);
    expect(main).not.toContain(OTHER_TALK);

    // No mail a juror received named an applicant.
    for (const j of JURORS) {
      expect(mailsTo(j.email).length).toBeGreaterThan(0);
      for (const m of mailsTo(j.email)) expectBlind(m, `a mail to ${j.email}`);
    }
  });
});
