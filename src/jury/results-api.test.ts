import { and, eq, like } from 'drizzle-orm';
import { PDFParse } from 'pdf-parse';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';
import { createToken, findUserByEmail } from '../accounts/service.js';
import { makeCall } from '../calls/test-fixtures.js';
import { outboundMessages } from '../mail/tables.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let call: { id: string; slug: string };
const subs: { id: string; secret: string; email: string }[] = [];
const jurorTokens: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  call = (
    await t.api('POST', '/api/v1/calls', {
      token: admin.token,
      body: makeCall({
        slug: 'results-call',
        stages: [{ name: 'Only', blind: false }],
        rules: {
          tiers: [
            { count: 2, amountCents: 10_000_000 },
            { count: 1, amountCents: 5_000_000 },
          ],
          budgetCents: 25_000_000,
        },
      }),
    })
  ).json();
  for (let i = 0; i < 6; i++) {
    const email = `applicant${i}@studio${i}.be`;
    const res = await t.api('POST', `/api/v1/calls/${call.id}/submissions`, {
      body: {
        name: `Applicant Number${i}`,
        email,
        organisation: `Studio ${i}`,
        locale: i % 2 ? 'nl' : 'fr',
        title: `Project ${i}`,
        answers: { summary: 'A plan' },
        eligibility: { public_partner: true },
        submit: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    subs.push({ id: res.json().id, secret: res.json().manageUrl.split('/s/')[1], email });
  }
  await t.api('PATCH', `/api/v1/calls/${call.id}`, {
    token: admin.token,
    body: { closesAt: new Date(Date.now() - 1000).toISOString(), newVersion: { reason: 'Judging' } },
  });
  for (let j = 0; j < 3; j++) {
    const email = `juror${j}@example.net`;
    await t.api('POST', `/api/v1/calls/${call.id}/jurors`, { token: admin.token, body: { email, name: `Juror ${j}` } });
    const user = (await findUserByEmail(t.database.db, t.network.id, email))!;
    jurorTokens.push((await createToken(t.database.db, user, 't')).token);
  }
  await t.api('POST', `/api/v1/calls/${call.id}/assignments`, { token: admin.token, body: { seed: 3 } });
  // Everyone reviews everything (3 jurors, k = 3): submission i gets impact 5 - (i >> 1).
  for (const [j, token] of jurorTokens.entries())
    for (const [i, s] of subs.entries()) {
      await t.api('POST', `/api/v1/calls/${call.id}/conflicts`, { token, body: { submissionId: s.id, level: 'none' } });
      const impact = Math.max(1, 5 - (i >> 1));
      const r = await t.api('PUT', `/api/v1/submissions/${s.id}/review`, {
        token,
        body: { scores: { impact, feasibility: j === 0 && i === 5 ? 1 : 3, fit: 4 }, applicantComment: `Note ${j}` },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
});
afterAll(() => t.close());

it('ranks with the tie-break, selects under the tiers within the budget, and shows the figures', async () => {
  const res = await t.api('GET', `/api/v1/calls/${call.id}/results`, { token: admin.token });
  expect(res.statusCode, res.body).toBe(200);
  const r = res.json();
  expect(r).toMatchObject({ budgetCents: 25_000_000, places: null, tieBreak: 'criterion', rankBy: 'raw' });
  expect(r.items.map((x: { rank: number }) => x.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  const selected = r.items.filter((x: { selected: boolean }) => x.selected);
  expect(selected.map((x: { amountCents: number }) => x.amountCents)).toEqual([10_000_000, 10_000_000, 5_000_000]);
  // Projects 0 and 1 have equal scores: both flagged as tied; 2 and 3 too, at the cut-line.
  expect(r.items[0].tied && r.items[1].tied).toBe(true);
  expect(r.cutLineTie).toBe(true);
  expect(r.items.every((x: { reviewCount: number }) => x.reviewCount === 3)).toBe(true);
  expect(r.normalisation).toEqual(expect.objectContaining({}));
  expect(Object.values(r.normalisation)).toContain('z');
  // Roles: a juror, a member and a visitor cannot see results.
  expect((await t.api('GET', `/api/v1/calls/${call.id}/results`, { token: jurorTokens[0] })).statusCode).toBe(403);
  expect((await t.api('GET', `/api/v1/calls/${call.id}/results`)).statusCode).toBe(401);
  const page = await t.app.inject({ url: `/calls/${call.slug}/results` });
  expect(page.statusCode).toBe(303);
  const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
  const html = (await b.get(`/calls/${call.slug}/results`)).body;
  expect(html).toContain('Funded order');
  expect(html).toContain('Tie at the cut-line');
  expect(html).toContain('Project 0');
});

it('previews, then sends decisions once through the outbox in each applicant’s language', async () => {
  const count = async () =>
    (await t.database.db.select().from(outboundMessages).where(like(outboundMessages.kind, 'call.decision.%'))).length;
  expect(
    (await t.api('POST', `/api/v1/calls/${call.id}/decisions`, { token: admin.token, body: { includeComments: true } }))
      .statusCode,
  ).toBe(200);
  const early = await t.api('POST', `/api/v1/calls/${call.id}/decisions/send`, { token: admin.token, body: {} });
  expect(early.statusCode).toBe(409);
  expect(await count()).toBe(0);
  const preview = (
    await t.api('POST', `/api/v1/calls/${call.id}/decisions/preview`, { token: admin.token, body: {} })
  ).json();
  expect(preview.items).toHaveLength(6);
  const nl = preview.items.find(
    (x: { locale: string; outcome: string }) => x.locale === 'nl' && x.outcome === 'accepted',
  );
  expect(nl.subject).toMatch(/geselecteerd — gelieve te bevestigen/);
  expect(nl.text).toContain('Note 0');
  // Two sends at once (a double click, two organisers): one goes out, the other is refused.
  const both = await Promise.all(
    [1, 2].map(() => t.api('POST', `/api/v1/calls/${call.id}/decisions/send`, { token: admin.token, body: {} })),
  );
  expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  const sent = both.find((r) => r.statusCode === 200)!;
  expect(sent.json().sent).toBe(6);
  const appeal = new Date(sent.json().appealUntil).getTime() - Date.now();
  expect(Math.round(appeal / 86_400_000)).toBe(14);
  expect(await count()).toBe(6);
  const twice = await t.api('POST', `/api/v1/calls/${call.id}/decisions/send`, {
    token: admin.token,
    body: {},
    headers: { 'accept-language': 'fr' },
  });
  expect(twice.statusCode).toBe(409);
  expect(twice.json().detail).toMatch(
    /^Les décisions de l’étape 1 ont déjà été envoyées le .+ : chaque candidat n’est prévenu qu’une fois\. Rien n’a été renvoyé\.$/,
  );
  expect(await count()).toBe(6);
  const previewAfter = await t.api('POST', `/api/v1/calls/${call.id}/decisions/preview`, {
    token: admin.token,
    body: {},
  });
  expect(previewAfter.statusCode).toBe(409);
  const redraft = await t.api('POST', `/api/v1/calls/${call.id}/decisions`, { token: admin.token, body: {} });
  expect(redraft.statusCode).toBe(409);

  const [accepted] = await t.database.db
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.kind, 'call.decision.accepted'), eq(outboundMessages.toEmail, subs[0]!.email)));
  expect(accepted!.subject).toMatch(/retenu — merci de confirmer/);
  const token = /\/decisions\/confirm\/([A-Za-z0-9_-]+)/.exec(accepted!.textBody ?? '')![1]!;
  const confirm = await t.api('POST', '/api/v1/decisions/confirm', { body: { token } });
  expect(confirm.statusCode, confirm.body).toBe(200);
  const audit = (await t.api('GET', '/api/v1/audit-log?limit=100', { token: admin.token }))
    .json()
    .items.map((e: { action: string }) => e.action);
  expect(audit).toContain('call.decisions_sent');
  expect(audit.filter((a: string) => a === 'call.decision').length).toBe(6);
});

it('exports the deliberation report as XLSX, CSV and PDF, and an anonymised CSV without names', async () => {
  const xlsx = await t.app.inject({
    url: `/api/v1/calls/${call.id}/report?format=xlsx`,
    headers: { authorization: `Bearer ${admin.token}` },
  });
  expect(xlsx.statusCode).toBe(200);
  const sheets = await readXlsxFile(xlsx.rawPayload);
  const rows = (sheets as unknown as { data: unknown[][] }[])[0]?.data ?? (sheets as unknown as unknown[][]);
  expect(rows[0]).toContain('raw_mean');
  expect(rows.length).toBe(7);
  const csv = await t.app.inject({
    url: `/api/v1/calls/${call.id}/report?format=csv`,
    headers: { authorization: `Bearer ${admin.token}` },
  });
  expect(csv.body).toContain('Applicant Number0');
  expect(csv.body).toContain('accepted (sent)');
  const anon = await t.app.inject({
    url: `/api/v1/calls/${call.id}/report?format=csv&anonymised=true`,
    headers: { authorization: `Bearer ${admin.token}` },
  });
  for (const s of ['Applicant', 'studio', 'Studio', 'Project 0']) expect(anon.body).not.toContain(s);
  expect(anon.body.split('\r\n').filter(Boolean)).toHaveLength(7);
  const pdf = await t.app.inject({
    url: `/api/v1/calls/${call.id}/report?format=pdf`,
    headers: { authorization: `Bearer ${admin.token}` },
  });
  const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
  expect((await parser.getText()).text).toContain('Project 0');
  await parser.destroy();
});

it('keeps a judged call’s results when a juror erases their account: their reviews stay, as a former juror’s', async () => {
  const results = async () => (await t.api('GET', `/api/v1/calls/${call.id}/results`, { token: admin.token })).json();
  const report = async () =>
    (
      await t.app.inject({
        url: `/api/v1/calls/${call.id}/report?format=csv`,
        headers: { authorization: `Bearer ${admin.token}` },
      })
    ).body;
  const before = await results();
  const csvBefore = await report();
  const erased = await t.api('DELETE', '/api/v1/me', {
    token: jurorTokens[0],
    body: { confirm: 'juror0@example.net' },
  });
  expect(erased.statusCode, erased.body).toBe(204);

  expect(await results()).toEqual(before);
  expect(await report()).toBe(csvBefore);
  expect(before.items.every((x: { reviewCount: number }) => x.reviewCount === 3)).toBe(true);
  // The seat is nameless: no account, no name, no address; the API says it is a former juror's.
  const jurors = (await t.api('GET', `/api/v1/calls/${call.id}/jurors`, { token: admin.token })).json().items;
  expect(jurors).toHaveLength(3);
  expect(jurors.filter((j: { former: boolean }) => j.former)).toEqual([
    expect.objectContaining({ name: '', email: '', former: true }),
  ]);
  const dump = JSON.stringify(
    (
      await t.database.pool.query(
        'SELECT j.*, (SELECT json_agg(r) FROM reviews r WHERE r.juror_id = j.id) AS r FROM call_jurors j',
      )
    ).rows,
  );
  expect(dump).not.toMatch(/juror 0|juror0@/i);
  const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
  const page = (await b.get(`/calls/${call.slug}/jury?lang=fr`)).body;
  expect(page).toContain('Ancien membre du jury');
  expect(page).not.toContain('Juror 0');
  expect(page).toContain('Juror 1');
});
