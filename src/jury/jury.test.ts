import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession } from '../../test/support/forms.js';
import { createToken, findUserByEmail } from '../accounts/service.js';
import { makeCall } from '../calls/test-fixtures.js';
import { pdfWithAuthor } from '../calls/sample-files.js';
import { outboundMessages } from '../mail/tables.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let call: { id: string; slug: string };
const subs: { id: string; secret: string }[] = [];
const APPLICANTS = [
  { name: 'Amélie Dufourny', email: 'amelie@dufourny-lab.be', organisation: 'Dufourny Lab' },
  { name: 'Bram Verstraete', email: 'bram@verstraete.be', organisation: 'Verstraete & Zonen' },
  { name: 'Céline Hoebeke', email: 'celine.hoebeke@gmail.com', organisation: 'Hoebeke Works' },
  { name: 'Dries Wouters', email: 'dries@kortrijk-hub.be', organisation: 'Kortrijk Hub' },
];
const IDENTIFIERS = APPLICANTS.flatMap((a) => [
  a.name,
  a.email,
  a.organisation,
  ...a.name.split(' '),
  a.email.split('@')[1]!,
]).filter((x) => x !== 'gmail.com');
const jurors: { email: string; token: string; session?: FormSession }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  call = (
    await t.api('POST', '/api/v1/calls', {
      token: admin.token,
      body: makeCall({
        slug: 'blind-call',
        stages: [
          { name: 'First selection', blind: true },
          { name: 'Final', blind: false },
        ],
      }),
    })
  ).json();
  for (const a of APPLICANTS) {
    const res = await t.api('POST', `/api/v1/calls/${call.id}/submissions`, {
      body: {
        ...a,
        title: `${a.organisation}: a coworking space`,
        answers: { summary: `We, ${a.name} of ${a.organisation} (${a.email}), open a space.` },
        eligibility: { public_partner: true },
        submit: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    const secret = s.manageUrl.split('/s/')[1];
    subs.push({ id: s.id, secret });
    const pdf = await pdfWithAuthor(a.name, 'Plan');
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/submissions/${s.id}/files/plan?secret=${secret}`,
      headers: { 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(put.statusCode, put.body).toBe(200);
  }
  await t.api('PATCH', `/api/v1/calls/${call.id}`, {
    token: admin.token,
    body: { closesAt: new Date(Date.now() - 1000).toISOString(), newVersion: { reason: 'Closed for judging' } },
  });
  const invite = [
    { email: 'jo@dufourny-lab.be', name: 'Jo Juror', organisation: '' }, // same domain as Amélie: hard? no — soft
    { email: 'kim@example.net', name: 'Kim Juror', organisation: 'Verstraete & Zonen' }, // same organisation: hard
    { email: 'lou@example.net', name: 'Lou Juror', organisation: '' },
    { email: 'max@example.net', name: 'Max Juror', organisation: '' },
  ];
  for (const j of invite) {
    const res = await t.api('POST', `/api/v1/calls/${call.id}/jurors`, {
      token: admin.token,
      body: { ...j, languages: ['fr', 'en'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const user = (await findUserByEmail(t.database.db, t.network.id, j.email))!;
    jurors.push({ email: j.email, token: (await createToken(t.database.db, user, 'test')).token });
  }
});
afterAll(() => t.close());

const api = (i: number, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
  t.api(method, url, { token: jurors[i]!.token, ...(body !== undefined ? { body } : {}) });

it('assigns each submission k reviewers with loads within one, keeping hard conflicts out', async () => {
  const res = await t.api('POST', `/api/v1/calls/${call.id}/assignments`, { token: admin.token, body: { seed: 5 } });
  expect(res.statusCode, res.body).toBe(200);
  const out = res.json();
  const kim = (await t.api('GET', `/api/v1/calls/${call.id}/jurors`, { token: admin.token }))
    .json()
    .items.find((j: { email: string }) => j.email === 'kim@example.net');
  expect(
    out.items.some(
      (a: { jurorId: string; submissionId: string }) => a.jurorId === kim.id && a.submissionId === subs[1]!.id,
    ),
  ).toBe(false);
  const per = new Map<string, number>();
  for (const a of out.items) per.set(a.submissionId, (per.get(a.submissionId) ?? 0) + 1);
  for (const s of subs) expect(per.get(s.id)).toBe(3);
  const loads = Object.values(out.loads) as number[];
  expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  const audit = (await t.api('GET', '/api/v1/audit-log', { token: admin.token }))
    .json()
    .items.map((e: { action: string }) => e.action);
  expect(audit).toContain('call.assignment');
  expect(audit).toContain('call.recusal'); // Kim's detected hard conflict
  expect(audit).toContain('call.conflict'); // Jo's soft one (same e-mail domain)
  // Jurors cannot run or see the assignment.
  expect((await api(0, 'POST', `/api/v1/calls/${call.id}/assignments`, {})).statusCode).toBe(403);
});

it('makes jurors declare before reading, refuses bad scores and unassigned reviews unchanged, and hides others’ scores until one’s own is in', async () => {
  const queue = (await api(2, 'GET', `/api/v1/calls/${call.id}/jury/queue`)).json();
  expect(queue.blind).toBe(true);
  expect(queue.items.length).toBeGreaterThan(0);
  for (const i of queue.items) expect(i.organisation).toBeNull();
  const first = queue.items[0].id;
  expect((await api(2, 'GET', `/api/v1/calls/${call.id}/jury/submissions/${first}`)).statusCode).toBe(409);
  expect(
    (await api(2, 'POST', `/api/v1/calls/${call.id}/conflicts`, { submissionId: first, level: 'none' })).statusCode,
  ).toBe(201);
  const view = await api(2, 'GET', `/api/v1/calls/${call.id}/jury/submissions/${first}`);
  expect(view.statusCode).toBe(200);

  const outOfScale = await api(2, 'PUT', `/api/v1/submissions/${first}/review`, {
    scores: { impact: 9, feasibility: 3, fit: 3 },
  });
  expect(outOfScale.statusCode).toBe(400);
  expect(outOfScale.json().errors[0].field).toBe('scores.impact');
  expect((await api(2, 'GET', `/api/v1/calls/${call.id}/jury/submissions/${first}`)).json().review).toBeNull();

  const mine = new Set(queue.items.map((i: { id: string }) => i.id));
  const notMine = subs.find((s) => !mine.has(s.id));
  if (notMine) {
    const r = await api(2, 'PUT', `/api/v1/submissions/${notMine.id}/review`, {
      scores: { impact: 3, feasibility: 3, fit: 3 },
    });
    expect(r.statusCode).toBe(403);
  }
  expect((await api(2, 'GET', `/api/v1/calls/${call.id}/jury/submissions/${first}/reviews`)).statusCode).toBe(403);
  const saved = await api(2, 'PUT', `/api/v1/submissions/${first}/review`, {
    scores: { impact: 4, feasibility: 3, fit: 5 },
    comment: 'Solid',
    applicantComment: 'Clear plan',
  });
  expect(saved.statusCode, saved.body).toBe(200);
  expect(saved.json().submitted).toBe(true);
  expect(saved.json().next).not.toBe(first);
  expect((await api(2, 'GET', `/api/v1/calls/${call.id}/jury/submissions/${first}/reviews`)).statusCode).toBe(200);
  const audit = (await t.api('GET', '/api/v1/audit-log', { token: admin.token })).json().items[0];
  expect(audit.action).toBe('call.score');
});

it('a hard declaration hides the submission and is logged as a recusal', async () => {
  const queue = (await api(3, 'GET', `/api/v1/calls/${call.id}/jury/queue`)).json();
  // Not Bram's: Kim is already out of that one, so it could not find a third reviewer.
  const target = queue.items.find((i: { id: string }) => i.id !== subs[1]!.id).id;
  const res = await api(3, 'POST', `/api/v1/calls/${call.id}/conflicts`, {
    submissionId: target,
    level: 'hard',
    reason: 'former colleague',
  });
  expect(res.statusCode).toBe(201);
  const after = (await api(3, 'GET', `/api/v1/calls/${call.id}/jury/queue`)).json();
  expect(after.items.map((i: { id: string }) => i.id)).not.toContain(target);
  expect((await api(3, 'GET', `/api/v1/calls/${call.id}/jury/submissions/${target}`)).statusCode).toBe(404);
  expect(
    (await api(3, 'PUT', `/api/v1/submissions/${target}/review`, { scores: { impact: 1, feasibility: 1, fit: 1 } }))
      .statusCode,
  ).toBe(403);
  // A re-run gives the submission another reviewer and keeps the reviews already done.
  const rerun = (await t.api('POST', `/api/v1/calls/${call.id}/assignments`, { token: admin.token, body: {} })).json();
  const reviewers = rerun.items.filter((a: { submissionId: string }) => a.submissionId === target);
  expect(reviewers.length).toBe(3);
  expect(rerun.items.filter((a: { reviewed: boolean }) => a.reviewed).length).toBe(1);
});

it('blind: nothing a juror can reach — pages, API, files, mails — names an applicant, their e-mail or organisation', async () => {
  const leaks: string[] = [];
  let filesOpened = 0;
  const check = (where: string, body: string) => {
    for (const id of IDENTIFIERS) if (body.toLowerCase().includes(id.toLowerCase())) leaks.push(`${where}: ${id}`);
  };
  for (const [i, j] of jurors.entries()) {
    // Mails the juror received, and the invitation link in them.
    const mails = await t.database.db.select().from(outboundMessages).where(eq(outboundMessages.toEmail, j.email));
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) check(`mail to ${j.email}`, `${m.subject}\n${m.textBody}\n${m.htmlBody}`);
    const link = /\/jury\/invite\/[A-Za-z0-9_-]+/.exec(mails[0]!.textBody ?? '')![0];
    const b = new FormSession(t.app);
    const invitation = await b.get(link);
    check(`${j.email} invitation page`, invitation.body);
    const signedIn = await b.submit(link, link, {});
    expect(signedIn.statusCode).toBe(303);
    // Accept the rules so the queue is reachable, then declare on everything.
    if (i !== 2) await b.submit(`/jury/${call.slug}`, `/jury/${call.slug}/accept`, { languages: 'fr', accept: 'yes' });
    const queue = (await api(i, 'GET', `/api/v1/calls/${call.id}/jury/queue`)).json();
    for (const item of queue.items)
      if (!item.declared)
        await api(i, 'POST', `/api/v1/calls/${call.id}/conflicts`, { submissionId: item.id, level: 'none' });
    // Crawl every page reachable from the juror's start page.
    const seen = new Set<string>();
    const todo = [`/jury/${call.slug}`];
    while (todo.length && seen.size < 200) {
      const url = todo.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await b.get(url);
      check(`${j.email} ${url}`, res.body + JSON.stringify(res.headers));
      // The review page's attachment links open in the juror's signed-in browser, not only through the API.
      if (/\/files\//.test(url)) {
        expect(res.statusCode, url).toBe(200);
        filesOpened++;
      }
      if (!String(res.headers['content-type']).includes('html')) continue;
      for (const m of res.body.matchAll(/href="(\/[^"#]*)"/g)) {
        const href = m[1]!.replaceAll('&amp;', '&');
        if (href.startsWith('/api/v1/calls/') || href.startsWith('/jury/') || href.startsWith('/calls/'))
          todo.push(href);
      }
    }
    expect(seen.size).toBeGreaterThan(2);
    // The API: queue, each submission, its files, others' reviews.
    for (const item of (await api(i, 'GET', `/api/v1/calls/${call.id}/jury/queue`)).json().items) {
      const v = await api(i, 'GET', `/api/v1/calls/${call.id}/jury/submissions/${item.id}`);
      check(`${j.email} api view`, v.body);
      for (const f of v.json().view.files ?? []) {
        const file = await api(i, 'GET', `/api/v1/calls/${call.id}/jury/submissions/${item.id}/files/${f.id}`);
        expect(file.statusCode).toBe(200);
        check(`${j.email} file ${f.name}`, file.rawPayload.toString('latin1') + JSON.stringify(file.headers));
      }
      check(
        `${j.email} api reviews`,
        (await api(i, 'GET', `/api/v1/calls/${call.id}/jury/submissions/${item.id}/reviews`)).body,
      );
    }
    // Error messages must not name anyone either.
    for (const s of subs) {
      check(`${j.email} error`, (await api(i, 'GET', `/api/v1/submissions/${s.id}`)).body);
      check(
        `${j.email} error`,
        (await api(i, 'PUT', `/api/v1/submissions/${s.id}/review`, { scores: { impact: 99 } })).body,
      );
    }
    check(`${j.email} assignments`, (await api(i, 'GET', `/api/v1/calls/${call.id}/assignments`)).body);
  }
  expect(leaks).toEqual([]);
  expect(filesOpened).toBeGreaterThan(0);
});

it('locks reviews once the stage closes', async () => {
  const queue = (await api(2, 'GET', `/api/v1/calls/${call.id}/jury/queue`)).json();
  const closed = await t.api('POST', `/api/v1/calls/${call.id}/stages/1/close`, { token: admin.token });
  expect(closed.statusCode, closed.body).toBe(200);
  const again = await api(2, 'PUT', `/api/v1/submissions/${queue.items[0].id}/review`, {
    scores: { impact: 1, feasibility: 1, fit: 1 },
  });
  expect(again.statusCode).toBe(409);
});
