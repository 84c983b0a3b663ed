import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { type FormSession, signIn } from '../../test/support/forms.js';
import { createToken, findUserByEmail } from '../accounts/service.js';
import { makeCall } from '../calls/test-fixtures.js';
import { outboundMessages } from '../mail/tables.js';
import { assignments, callJurors } from './tables.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let b: FormSession;
let call: { id: string; slug: string };
const subs: string[] = [];
const page = () => `/calls/${call.slug}/jury`;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  b = await signIn(t.app, { email: admin.user.email, password: admin.password });
  call = (await t.api('POST', '/api/v1/calls', { token: admin.token, body: makeCall({ slug: 'jury-pages' }) })).json();
  for (const [name, org] of [
    ['Gilles Bernard', 'Atelier Bernard'],
    ['Hanne Claes', 'Claes Studio'],
  ] as const) {
    const res = await t.api('POST', `/api/v1/calls/${call.id}/submissions`, {
      body: {
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}@${org.split(' ')[1]!.toLowerCase()}.be`,
        organisation: org,
        title: `A space by ${org}`,
        answers: { summary: `I am ${name}; my grandmother founded the place in 1950.` },
        eligibility: { public_partner: true },
        submit: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    subs.push(res.json().id);
  }
});
afterAll(() => t.close());

const jurorRows = () => t.database.db.select().from(callJurors).where(eq(callJurors.callId, call.id));

it('invites jurors from the page, in the language chosen for them, and refuses bad or repeated invitations unchanged', async () => {
  const empty = await b.get(page());
  expect(empty.statusCode).toBe(200);
  expect(empty.body).toContain('No juror in this stage yet');
  for (const [email, name, locale] of [
    ['ria@example.net', 'Ria', 'nl'],
    ['sam@example.net', 'Sam', 'fr'],
    ['tom@example.net', 'Tom', 'en'],
  ] as const) {
    const res = await b.submit(page(), `${page()}/invite?stage=1`, {
      email,
      name,
      locale,
      organisation: '',
      stage: '1',
    });
    expect(res.statusCode, res.body).toBe(303);
  }
  const [ria] = await t.database.db
    .select()
    .from(outboundMessages)
    .where(eq(outboundMessages.toEmail, 'ria@example.net'));
  expect(ria!.locale).toBe('nl');
  expect(ria!.subject).toContain('je bent uitgenodigd in de jury');
  const listed = (await b.get(page())).body;
  expect(listed).toContain('Sent, valid until');
  expect(listed).toContain('ria@example.net');

  const bad = await b.submit(page(), `${page()}/invite?stage=1`, { email: 'not-an-address', name: '', stage: '1' });
  expect(bad.statusCode).toBe(400);
  expect(bad.body).toContain('href="#f-email"');
  const again = await b.submit(page(), `${page()}/invite?stage=1`, {
    email: 'ria@example.net',
    name: 'Ria',
    stage: '1',
  });
  expect(again.statusCode).toBe(409);
  expect(again.body).toContain('ria@example.net is already a juror of this stage.');
  expect(await jurorRows()).toHaveLength(3);
});

it('sends a new invitation link from the page', async () => {
  const tom = (await jurorRows()).find((j) => j.email === 'tom@example.net')!;
  const res = await b.submit(page(), `${page()}/jurors/${tom.id}/resend?stage=1`, {});
  expect(res.statusCode).toBe(303);
  const mails = await t.database.db
    .select()
    .from(outboundMessages)
    .where(eq(outboundMessages.toEmail, 'tom@example.net'));
  expect(mails).toHaveLength(2);
  expect((await jurorRows()).find((j) => j.id === tom.id)!.inviteHash).not.toBe(tom.inviteHash);
});

it('runs the assignment, and keeps pinned and forbidden pairs through every re-run', async () => {
  await t.api('PATCH', `/api/v1/calls/${call.id}`, {
    token: admin.token,
    body: { closesAt: new Date(Date.now() - 1000).toISOString(), newVersion: { reason: 'Closed for judging' } },
  });
  const [ria, sam] = (await jurorRows()).sort((a, c) => a.email.localeCompare(c.email));
  expect((await b.submit(page(), `${page()}/assign?stage=1`, {})).statusCode).toBe(303);
  const forbid = await b.submit(page(), `${page()}/rules?stage=1`, {
    jurorId: ria!.id,
    submissionId: subs[0]!,
    rule: 'forbid',
  });
  expect(forbid.statusCode, forbid.body).toBe(303);
  const pin = await b.submit(page(), `${page()}/rules?stage=1`, {
    jurorId: sam!.id,
    submissionId: subs[1]!,
    rule: 'pin',
  });
  expect(pin.statusCode).toBe(303);
  expect((await b.submit(page(), `${page()}/assign?stage=1`, {})).statusCode).toBe(303);
  const rows = await t.database.db.select().from(assignments);
  const rule = (j: string, s: string) => rows.find((a) => a.jurorId === j && a.submissionId === s)?.rule;
  expect(rule(ria!.id, subs[0]!)).toBe('forbid');
  expect(rule(sam!.id, subs[1]!)).toBe('pin');
  const html = (await b.get(page())).body;
  expect(html).toContain('Sam (pinned)');
  expect(html).toContain('Ria (forbidden)');
  // A pair naming someone outside the stage is refused on the page, and nothing changes.
  const before = (await t.database.db.select().from(assignments)).length;
  const wrong = await b.submit(page(), `${page()}/rules?stage=1`, {
    jurorId: crypto.randomUUID(),
    submissionId: subs[0]!,
    rule: 'pin',
  });
  expect(wrong.statusCode).toBe(400);
  expect((await t.database.db.select().from(assignments)).length).toBe(before);
});

it('shows the proposed redaction and confirms the organisers’ copy, which is what jurors read', async () => {
  const url = `/calls/${call.slug}/redactions?stage=1`;
  const html = (await b.get(url)).body;
  expect(html).toContain('I am […]; my grandmother founded the place in 1950.');
  expect(html).toContain('Not confirmed yet');
  const res = await b.submit(url, `/calls/${call.slug}/redactions/${subs[0]}?stage=1`, {
    title: 'A space by […]',
    'answers.summary': 'I am […]; a family place since the fifties.',
  });
  expect(res.statusCode, res.body).toBe(303);
  expect((await b.get(url)).body).toContain('Confirmed on');
  // A juror assigned to it reads the confirmed copy.
  const pinned = (await t.database.db.select().from(assignments)).find(
    (a) => a.submissionId === subs[0] && a.rule !== 'forbid',
  )!;
  const juror = (await jurorRows()).find((j) => j.id === pinned.jurorId)!;
  const token = (
    await createToken(t.database.db, (await findUserByEmail(t.database.db, t.network.id, juror.email))!, 't')
  ).token;
  await t.api('POST', `/api/v1/calls/${call.id}/jury/accept`, {
    token,
    body: { languages: ['en', 'fr'], acceptRules: true },
  });
  await t.api('POST', `/api/v1/calls/${call.id}/conflicts`, { token, body: { submissionId: subs[0], level: 'none' } });
  const view = await t.api('GET', `/api/v1/calls/${call.id}/jury/submissions/${subs[0]}`, { token });
  expect(view.statusCode, view.body).toBe(200);
  expect(view.json().view.answers.summary).toBe('I am […]; a family place since the fifties.');
  const audit = (await t.api('GET', '/api/v1/audit-log', { token: admin.token })).json();
  expect(audit.items.map((e: { action: string }) => e.action)).toContain('call.redaction');
});

it('keeps the jury pages to call managers', async () => {
  const member = await t.user('member');
  const m = await signIn(t.app, { email: member.user.email, password: member.password });
  expect((await m.get(page())).statusCode).toBe(403);
  expect((await m.get(`/calls/${call.slug}/redactions`)).statusCode).toBe(403);
  expect((await t.app.inject({ url: page() })).statusCode).toBe(303);
});
