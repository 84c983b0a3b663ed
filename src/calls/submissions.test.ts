import { eq } from 'drizzle-orm';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FormSession } from '../../test/support/forms.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { outboundMessages } from '../mail/tables.js';
import { readZip } from './clean.js';
import { docxWithCreator, jpegWithArtist, pdfWithAuthor } from './sample-files.js';
import { makeCall } from './test-fixtures.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let call: { id: string; slug: string };
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  call = (await t.api('POST', '/api/v1/calls', { token: admin.token, body: makeCall({ slug: 'cw' }) })).json();
});
afterAll(() => t.close());

const mailsTo = (email: string) =>
  t.database.db.select().from(outboundMessages).where(eq(outboundMessages.toEmail, email));
const applicant = (n: string) => ({
  name: `Alice Vandenberghe ${n}`,
  email: `alice${n}@atelier-${n}.be`,
  organisation: `Atelier ${n}`,
  locale: 'fr' as const,
});
const secretOf = (url: string) => url.split('/s/')[1]!;

it('saves a draft without an account, refuses an incomplete submission unchanged, then submits with a mail in the applicant’s language', async () => {
  const res = await t.api('POST', `/api/v1/calls/${call.id}/submissions`, {
    body: { ...applicant('a'), title: 'A coworking in Thuin', coApplicants: [{ name: 'Bob Co', email: 'bob@co.be' }] },
  });
  expect(res.statusCode, res.body).toBe(201);
  const draft = res.json();
  expect(draft.status).toBe('draft');
  const secret = secretOf(draft.manageUrl);
  expect((await mailsTo('aliceA@atelier-a.be'.toLowerCase()))[0]?.subject).toMatch(/votre lien pour revenir/);
  expect((await mailsTo('bob@co.be')).length).toBe(1);

  const incomplete = await t.api('PATCH', `/api/v1/submissions/${draft.id}?secret=${secret}`, {
    body: { submit: true },
  });
  expect(incomplete.statusCode).toBe(400);
  expect(
    incomplete
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort(),
  ).toEqual(['answers.summary', 'eligibility.public_partner']);
  const still = (await t.api('GET', `/api/v1/submissions/${draft.id}?secret=${secret}`)).json();
  expect(still.status).toBe('draft');

  const wrongType = await t.api('PATCH', `/api/v1/submissions/${draft.id}?secret=${secret}`, {
    body: { answers: { amount: 'lots' } },
  });
  expect(wrongType.statusCode).toBe(400);

  const ok = await t.api('PATCH', `/api/v1/submissions/${draft.id}?secret=${secret}`, {
    body: {
      answers: { summary: 'Alice Vandenberghe a a space for 30 people in Thuin', amount: 5_000_000 },
      eligibility: { public_partner: true },
      submit: true,
    },
  });
  expect(ok.statusCode, ok.body).toBe(200);
  expect(ok.json()).toMatchObject({ status: 'submitted' });
  expect(ok.json().submittedAt).not.toBeNull();
  const mails = await mailsTo('alicea@atelier-a.be');
  expect(mails.map((m) => m.subject)).toContain('Coworking call (fr) : votre dossier a bien été reçu');

  // The blind view has neither name, e-mail nor organisation, even where the applicant wrote them.
  const blind = JSON.stringify(ok.json().blindView);
  for (const s of ['Vandenberghe', 'alicea@', 'atelier-a.be', 'Atelier a', 'Bob Co']) expect(blind).not.toContain(s);
  expect(ok.json().blindView.answers.summary).toContain('[…]');

  // Strangers see nothing; a wrong secret is the same 404.
  expect((await t.api('GET', `/api/v1/submissions/${draft.id}?secret=nope`)).statusCode).toBe(404);
  const member = await t.user('member');
  expect((await t.api('GET', `/api/v1/submissions/${draft.id}`, { token: member.token })).statusCode).toBe(404);
  expect((await t.api('GET', `/api/v1/submissions/${draft.id}`, { token: admin.token })).statusCode).toBe(200);
});

it('strips author metadata from PDF, JPEG and DOCX attachments and refuses a file that is not what it claims', async () => {
  const draft = (await t.api('POST', `/api/v1/calls/${call.id}/submissions`, { body: applicant('b') })).json();
  const secret = secretOf(draft.manageUrl);
  const put = (body: Buffer, type: string) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/submissions/${draft.id}/files/plan?secret=${secret}`,
      headers: { 'content-type': type },
      payload: body,
    });
  const fake = await put(Buffer.from('MZ this is an executable, honest'), 'application/pdf');
  expect(fake.statusCode).toBe(415);
  expect((await t.api('GET', `/api/v1/submissions/${draft.id}?secret=${secret}`)).json().files).toEqual([]);

  const pdf = await pdfWithAuthor('Alice Vandenberghe');
  expect(pdf.toString('latin1')).toContain('Alice Vandenberghe');
  const up = await put(pdf, 'application/pdf');
  expect(up.statusCode, up.body).toBe(200);
  const [file] = up.json().files;
  expect(file).toMatchObject({ field: 'plan', name: 'plan.pdf', contentType: 'application/pdf' });
  const stored = await t.app.inject({ url: `/api/v1/submissions/${draft.id}/files/${file.id}?secret=${secret}` });
  expect(stored.headers['content-disposition']).toBe('attachment; filename="plan.pdf"');
  expect(stored.rawPayload.toString('latin1')).not.toContain('Vandenberghe');
  const parser = new PDFParse({ data: new Uint8Array(stored.rawPayload) });
  const info = await parser.getInfo();
  expect(JSON.stringify(info.info ?? {})).not.toContain('Vandenberghe');
  expect((await parser.getText()).text).toContain('Business plan');
  await parser.destroy();

  const jpeg = await jpegWithArtist('Alice Vandenberghe');
  expect(jpeg.toString('latin1')).toContain('Vandenberghe');
  const j = await put(jpeg, 'image/jpeg');
  expect(j.statusCode).toBe(200);
  const jf = j.json().files[0];
  const jpegStored = await t.app.inject({ url: `/api/v1/submissions/${draft.id}/files/${jf.id}?secret=${secret}` });
  expect(jpegStored.rawPayload.toString('latin1')).not.toContain('Vandenberghe');
  expect(jf.name).toBe('plan.jpg');

  const docx = await put(await docxWithCreator('Alice Vandenberghe'), 'application/octet-stream');
  expect(docx.statusCode, docx.body).toBe(200);
  const df = docx.json().files[0];
  const docxStored = await t.app.inject({ url: `/api/v1/submissions/${draft.id}/files/${df.id}?secret=${secret}` });
  const entries = await readZip(new Uint8Array(docxStored.rawPayload));
  expect(entries.has('word/document.xml')).toBe(true);
  for (const [, data] of entries) expect(data.toString('utf8')).not.toContain('Vandenberghe');
});

it('refuses submissions and changes once the call has closed, saying when it closed', async () => {
  const c = (await t.api('POST', '/api/v1/calls', { token: admin.token, body: makeCall() })).json();
  const draft = (await t.api('POST', `/api/v1/calls/${c.id}/submissions`, { body: applicant('c') })).json();
  const close = await t.api('PATCH', `/api/v1/calls/${c.id}`, {
    token: admin.token,
    body: { closesAt: new Date(Date.now() - 1000).toISOString(), newVersion: { reason: 'Closed early' } },
  });
  expect(close.statusCode, close.body).toBe(200);
  const late = await t.api('POST', `/api/v1/calls/${c.id}/submissions`, { body: applicant('d') });
  expect(late.statusCode).toBe(409);
  expect(late.json().detail).toMatch(/closed on .* Submissions and changes are no longer accepted/);
  const edit = await t.api('PATCH', `/api/v1/submissions/${draft.id}?secret=${secretOf(draft.manageUrl)}`, {
    body: { title: 'too late' },
  });
  expect(edit.statusCode).toBe(409);
  const after = (await t.api('GET', `/api/v1/submissions/${draft.id}?secret=${secretOf(draft.manageUrl)}`)).json();
  expect(after.title).toBe('');
  // The applicant was told about the new version of the call.
  expect((await mailsTo('alicec@atelier-c.be')).some((m) => m.subject?.includes('version 2'))).toBe(true);
});

it('lets a visitor apply through the page, come back by the link, and preview exactly the blind view', async () => {
  const b = new FormSession(t.app);
  const res = await b.submit('/calls/cw/apply', '/calls/cw/apply', {
    name: 'Chloé Martin',
    email: 'chloe@martin-studio.be',
    organisation: 'Martin Studio',
    title: 'Martin Studio hub',
    'a.summary': 'A hub by Chloé Martin',
    'a.amount': '1250,50',
    action: 'draft',
  });
  expect(res.statusCode, res.body).toBe(303);
  const link = res.headers.location as string;
  expect(link).toMatch(/^\/s\/.+\?done=saved$/);
  const page = await b.get(link);
  expect(page.body).toContain('Martin Studio hub');
  expect(page.body).toContain('1250.50');
  // Drafts are saved as the applicant types (a same-origin script, allowed by the CSP).
  expect(page.body).toContain('<script src="/assets/autosave.js" defer></script>');
  const script = await b.get('/assets/autosave.js');
  expect(script.headers['content-type']).toContain('javascript');
  expect(script.body).toContain("body.set('action', 'draft')");
  const preview = await b.get(`${link.split('?')[0]}/preview`);
  expect(preview.statusCode).toBe(200);
  expect(preview.body).toContain('[…] hub');
  for (const s of ['Chloé', 'Martin', 'martin-studio']) expect(preview.body).not.toContain(s);
  const missing = await b.submit(link, link.split('?')[0]!, { title: 'x', 'a.summary': '', action: 'submit' });
  expect(missing.statusCode).toBe(400);
  // The error summary links to the field and names it by its label.
  expect(missing.body).toContain('href="#f-answers-summary"');
  expect(missing.body).toMatch(/<a href="#f-answers-summary"><span class="label">Summary \(required\)<\/span>/);
});
