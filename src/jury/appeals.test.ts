import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession, signIn } from '../../test/support/forms.js';
import { makeCall } from '../calls/test-fixtures.js';
import { outboundMessages } from '../mail/tables.js';
import { appeals, decisions } from './tables.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let call: { id: string; slug: string };
const subs: { id: string; secret: string }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  call = (await t.api('POST', '/api/v1/calls', { token: admin.token, body: makeCall({ slug: 'appeals' }) })).json();
  for (const [name, locale] of [
    ['Wout Peeters', 'nl'],
    ['Yasmine Haddad', 'fr'],
  ] as const) {
    const res = await t.api('POST', `/api/v1/calls/${call.id}/submissions`, {
      body: {
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}@example.net`,
        locale,
        title: `Project of ${name}`,
        answers: { summary: 'A project.' },
        eligibility: { public_partner: true },
        submit: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    subs.push({ id: res.json().id, secret: res.json().manageUrl.split('/s/')[1] });
  }
  await t.api('PATCH', `/api/v1/calls/${call.id}`, {
    token: admin.token,
    body: { closesAt: new Date(Date.now() - 1000).toISOString(), newVersion: { reason: 'Closed' } },
  });
});
afterAll(() => t.close());

const appeal = (i: number, grounds = 'The jury missed our partner letter.', lang = 'en') =>
  t.api('POST', `/api/v1/submissions/appeal?secret=${subs[i]!.secret}`, {
    body: { grounds },
    headers: { 'accept-language': lang },
  });

it('has nothing to appeal before a decision is sent', async () => {
  const page = await new FormSession(t.app).get(`/s/${subs[0]!.secret}/appeal`);
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('No decision yet');
  expect((await appeal(0)).statusCode).toBe(409);
  expect(await t.database.db.select().from(appeals)).toHaveLength(0);
});

it('lets an applicant appeal once within the window, from the page of their secret link', async () => {
  const items = subs.map((s) => ({ submissionId: s.id, outcome: 'rejected', reason: '' }));
  for (const [path, body] of [
    ['decisions', { items }],
    ['decisions/preview', {}],
    ['decisions/send', {}],
  ] as const) {
    const res = await t.api('POST', `/api/v1/calls/${call.id}/${path}`, { token: admin.token, body });
    expect(res.statusCode, res.body).toBe(200);
  }
  const b = new FormSession(t.app);
  const url = `/s/${subs[0]!.secret}/appeal`;
  const form = await b.get(url);
  expect(form.body).toContain('is not selected');
  expect(form.body).toContain('You may appeal until');
  const empty = await b.submit(url, url, { grounds: '   ' });
  expect(empty.statusCode).toBe(400);
  const sent = await b.submit(url, url, { grounds: 'The jury missed\nour partner letter.' });
  expect(sent.statusCode, sent.body).toBe(303);
  const after = (await b.get(url)).body;
  expect(after).toContain('Your appeal, sent on');
  expect(after).toContain('The organisers have not answered yet.');
  const again = await appeal(0, 'Once more.', 'fr');
  expect(again.statusCode).toBe(409);
  expect(again.json().detail).toMatch(/^Vous avez déjà introduit un recours/);
  expect(await t.database.db.select().from(appeals)).toHaveLength(1);
  const audit = (await t.api('GET', '/api/v1/audit-log', { token: admin.token })).json();
  expect(audit.items.map((e: { action: string }) => e.action)).toContain('call.appeal');
});

it('refuses an appeal after the window, saying when it closed, and records nothing', async () => {
  await t.database.db
    .update(decisions)
    .set({ appealUntil: new Date(Date.now() - 60_000) })
    .where(eq(decisions.submissionId, subs[1]!.id));
  const late = await appeal(1);
  expect(late.statusCode).toBe(409);
  expect(late.json().detail).toMatch(/^The time to appeal this decision ended on /);
  expect((await new FormSession(t.app).get(`/s/${subs[1]!.secret}/appeal`)).body).toContain('The time to appeal ended');
  expect(await t.database.db.select().from(appeals)).toHaveLength(1);
});

it('lets call managers answer once, telling the applicant in their language; others may not', async () => {
  const member = await t.user('member');
  expect((await t.api('GET', `/api/v1/calls/${call.id}/appeals`, { token: member.token })).statusCode).toBe(403);
  const listed = (await t.api('GET', `/api/v1/calls/${call.id}/appeals`, { token: admin.token })).json();
  expect(listed.items).toHaveLength(1);
  const id = listed.items[0].id;
  expect(
    (await t.api('PUT', `/api/v1/appeals/${id}`, { token: member.token, body: { outcome: 'upheld', answer: 'x' } }))
      .statusCode,
  ).toBe(403);

  const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
  const page = `/calls/${call.slug}/appeals`;
  expect((await b.get(page)).body).toContain('The jury missed');
  const blank = await b.submit(page, `${page}/${id}`, { outcome: 'dismissed', answer: '' });
  expect(blank.statusCode).toBe(400);
  const answered = await b.submit(page, `${page}/${id}`, {
    outcome: 'upheld',
    answer: 'The letter was in the annex: the jury reads it again.',
  });
  expect(answered.statusCode, answered.body).toBe(303);
  expect((await b.get(page)).body).toContain('Upheld: the organisers take the decision up again.');

  const [mail] = await t.database.db
    .select()
    .from(outboundMessages)
    .where(like(outboundMessages.kind, 'call.appeal.%'));
  expect(mail!.toEmail).toBe('wout@example.net');
  expect(mail!.locale).toBe('nl');
  expect(mail!.subject).toContain('het antwoord op je beroep');
  expect(mail!.textBody).toContain('The letter was in the annex');
  const twice = await t.api('PUT', `/api/v1/appeals/${id}`, {
    token: admin.token,
    body: { outcome: 'dismissed', answer: 'Changed my mind.' },
  });
  expect(twice.statusCode).toBe(409);
  const [row] = await t.database.db.select().from(appeals);
  expect(row!.status).toBe('upheld');
  expect((await new FormSession(t.app).get(`/s/${subs[0]!.secret}/appeal`)).body).toContain(
    'The letter was in the annex',
  );
  const audit = (await t.api('GET', '/api/v1/audit-log', { token: admin.token })).json();
  expect(audit.items.map((e: { action: string }) => e.action)).toContain('call.appeal_answered');
});
