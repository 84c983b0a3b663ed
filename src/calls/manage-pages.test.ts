import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { type FormSession, signIn } from '../../test/support/forms.js';
import { outboundMessages } from '../mail/tables.js';
import { STARTER_LISTS } from './form.js';
import { calls } from './tables.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let b: FormSession;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  b = await signIn(t.app, { email: admin.user.email, password: admin.password });
});
afterAll(() => t.close());

const form = (overrides: Record<string, string> = {}) => ({
  kind: 'projects',
  slug: 'coworking-2027',
  'title.fr': 'Appel coworking 2027',
  'title.nl': 'Oproep coworking 2027',
  'title.en': 'Coworking call 2027',
  'description.fr': 'Deux étapes.\nUn jury indépendant.',
  'description.nl': 'Twee fasen.',
  'description.en': 'Two stages.',
  opensAt: '2027-03-01T09:00',
  closesAt: '2027-04-30T12:00',
  'stage0.name': 'Première sélection',
  'stage0.blind': 'yes',
  'stage1.name': 'Sélection finale',
  'stage2.name': '',
  lists: stringify(STARTER_LISTS),
  places: '',
  budget: '600000',
  tiers: '4 × 100000\n4 x 50000',
  tieBreak: 'criterion',
  tieBreakCriterion: 'impact',
  rankBy: 'raw',
  reviewsPerSubmission: '3',
  appealDays: '14',
  softConflictsMayReview: 'yes',
  'conflictPolicy.fr': 'Déclarez tout conflit.',
  'conflictPolicy.nl': 'Meld elk conflict.',
  'conflictPolicy.en': 'Declare any conflict.',
  ...overrides,
});
const count = async () => (await t.database.db.select().from(calls)).length;

it('creates a call from the page: texts in three languages, Brussels times, stages, tiers in euros', async () => {
  const blank = await b.get('/calls/new');
  expect(blank.statusCode).toBe(200);
  expect(blank.body).toContain('feasibility');
  const res = await b.submit('/calls/new', '/calls/new', form());
  expect(res.statusCode, res.body).toBe(303);
  expect(res.headers.location).toBe('/calls/coworking-2027/edit?done=created');
  const call = (await t.api('GET', '/api/v1/calls/coworking-2027')).json();
  expect(call.title).toEqual({ fr: 'Appel coworking 2027', nl: 'Oproep coworking 2027', en: 'Coworking call 2027' });
  expect(call.description.fr).toBe('Deux étapes.\nUn jury indépendant.');
  expect(call.opensAt).toBe('2027-03-01T08:00:00.000Z'); // 09:00 in Brussels, winter time
  expect(call.closesAt).toBe('2027-04-30T10:00:00.000Z'); // 12:00 in Brussels, summer time
  expect(call.stages.map((s: { name: string; blind: boolean }) => [s.name, s.blind])).toEqual([
    ['Première sélection', true],
    ['Sélection finale', false],
  ]);
  expect(call.rules.budgetCents).toBe(60_000_000);
  expect(call.rules.tiers).toEqual([
    { count: 4, amountCents: 10_000_000 },
    { count: 4, amountCents: 5_000_000 },
  ]);
  expect(call.rules.criteria.map((c: { key: string }) => c.key)).toEqual(['impact', 'feasibility']);
  // The edit page shows it back as it was typed.
  const edit = (await b.get('/calls/coworking-2027/edit')).body;
  expect(edit).toContain('value="2027-03-01T09:00"');
  expect(edit).toContain('4 × 100000');
});

it('refuses a bad form with the mistakes on it, and creates nothing', async () => {
  const before = await count();
  const yaml = await b.submit('/calls/new', '/calls/new', form({ slug: 'bad-yaml', lists: 'criteria: [unclosed' }));
  expect(yaml.statusCode).toBe(400);
  expect(yaml.body).toContain('This is not valid YAML');
  const lists = stringify({ ...STARTER_LISTS, criteria: [{ ...STARTER_LISTS.criteria[0], key: 'Bad Key' }] });
  const key = await b.submit(
    '/calls/new',
    '/calls/new',
    form({ slug: 'bad-key', lists, 'title.nl': '', closesAt: '2027-02-01T09:00' }),
  );
  expect(key.statusCode).toBe(400);
  expect(key.body).toContain('criteria.0.key:');
  expect(key.body).toContain('href="#f-title-nl"');
  expect(key.body).toContain('href="#f-closesAt"');
  // What was typed stays in the form.
  expect(key.body).toContain('Appel coworking 2027');
  expect(await count()).toBe(before);
});

it('edits a call freely before it opens, and only as a new, told version once it has', async () => {
  const saved = await b.submit(
    '/calls/coworking-2027/edit',
    '/calls/coworking-2027/edit',
    form({ 'title.en': 'Coworking call 2027 (edited)' }),
  );
  expect(saved.statusCode, saved.body).toBe(303);
  let call = (await t.api('GET', '/api/v1/calls/coworking-2027')).json();
  expect(call.title.en).toBe('Coworking call 2027 (edited)');
  expect(call.version).toBe(1);

  // Open it now (through the API), and apply.
  const opensAt = new Date(Date.now() - 3_600_000).toISOString();
  expect((await t.api('PATCH', `/api/v1/calls/${call.id}`, { token: admin.token, body: { opensAt } })).statusCode).toBe(
    200,
  );
  const sub = await t.api('POST', `/api/v1/calls/${call.id}/submissions`, {
    body: {
      name: 'Zoé Lambert',
      email: 'zoe@lambert.be',
      locale: 'nl',
      title: 'Een plek',
      answers: { summary: 'Een plek.' },
      eligibility: { based_in_belgium: true },
    },
  });
  expect(sub.statusCode, sub.body).toBe(201);
  const page = (await b.get('/calls/coworking-2027/edit')).body;
  expect(page).toContain('it is frozen');
  const edited = form({ 'title.en': 'Coworking call 2027 (edited)', opensAt: '', closesAt: '2027-05-07T12:00' });
  const noReason = await b.submit('/calls/coworking-2027/edit', '/calls/coworking-2027/edit', {
    ...edited,
    reason: '',
  });
  expect(noReason.statusCode).toBe(400);
  expect(noReason.body).toContain('href="#f-reason"');
  expect((await t.api('GET', '/api/v1/calls/coworking-2027')).json().version).toBe(1);
  const withReason = await b.submit('/calls/coworking-2027/edit', '/calls/coworking-2027/edit', {
    ...edited,
    reason: 'One more week to apply.',
  });
  expect(withReason.statusCode, withReason.body).toBe(303);
  call = (await t.api('GET', '/api/v1/calls/coworking-2027')).json();
  expect(call.version).toBe(2);
  expect(call.closesAt).toBe('2027-05-07T10:00:00.000Z');
  const [told] = await t.database.db.select().from(outboundMessages).where(like(outboundMessages.kind, 'call.version'));
  expect(told!.toEmail).toBe('zoe@lambert.be');
  expect(told!.locale).toBe('nl');
  expect(told!.textBody).toContain('One more week to apply.');
});

it('keeps the call form to those who may manage calls', async () => {
  const member = await t.user('member');
  const m = await signIn(t.app, { email: member.user.email, password: member.password });
  expect((await m.get('/calls/new')).statusCode).toBe(403);
  expect((await m.get('/calls/coworking-2027/edit')).statusCode).toBe(403);
  expect((await t.app.inject({ url: '/calls/new' })).statusCode).toBe(303);
  const [row] = await t.database.db.select().from(calls).where(eq(calls.slug, 'coworking-2027'));
  expect(row!.title.en).toBe('Coworking call 2027 (edited)');
});

it('says an empty new-call form is missing its dates, in French, by their labels', async () => {
  const before = await count();
  const fr = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
  const res = await fr.submit('/calls/new', '/calls/new', {});
  expect(res.statusCode).toBe(400);
  const start = res.body.indexOf('class="errors"');
  const summary = res.body.slice(start, res.body.indexOf('</ul>', start));
  expect(summary).toMatch(/Ouverture<\/span>\s*:\s*est obligatoire/);
  expect(summary).not.toMatch(/doit être du texte|must be|is required/);
  // The stages, a group of fields, are named by their legend.
  expect(summary).toMatch(/<a href="#f-stages"><span class="label">[^<]+<\/span>/);
  expect(await count()).toBe(before);
});
