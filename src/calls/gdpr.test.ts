import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { blobStoreFor } from '../storage/service.js';
import { makeCall } from './test-fixtures.js';

/** A member's submissions to calls, co-applications and appeals: in their data export, and gone or anonymised on erasure. */
let t: TestApp;
const q = async (text: string, params: unknown[] = []) => (await t.database.pool.query(text, params)).rows;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('exports my submissions, co-applications and appeals, and erases me from them, keeping the call record', async () => {
  const admin = await t.user('admin');
  const ada = await t.user('member', 'ada@example.org');
  const call = await t.api('POST', '/api/v1/calls', { token: admin.token, body: makeCall({ slug: 'gdpr-call' }) });
  expect(call.statusCode, call.body).toBe(201);
  const callId = call.json().id;
  const [stage] = await q(`SELECT id FROM call_stages WHERE call_id = $1`, [callId]);
  const submission = async (status: string, userId: string | null, email: string, name: string) =>
    (
      await q(
        `INSERT INTO submissions (network_id, call_id, user_id, secret_hash, applicant_name, applicant_email, organisation, locale, language, title, answers, status)
         VALUES ($1, $2, $3, md5(random()::text), $4, $5, 'Ada SRL', 'en', 'en', $6, '{"summary": "My plan"}', $7) RETURNING id`,
        [t.network.id, callId, userId, name, email, `${name}'s project`, status],
      )
    )[0].id as string;
  const sent = await submission('submitted', ada.user.id, 'ada@example.org', 'Ada');
  const draft = await submission('draft', null, 'ADA@example.org', 'Ada');
  const bobs = await submission('submitted', null, 'bob@example.org', 'Bob');
  await q(`INSERT INTO co_applicants (submission_id, name, email) VALUES ($1, 'Ada', 'ada@example.org')`, [bobs]);
  const [decision] = await q(
    `INSERT INTO decisions (stage_id, submission_id, outcome, status) VALUES ($1, $2, 'rejected', 'sent') RETURNING id`,
    [stage.id, sent],
  );
  await q(
    `INSERT INTO appeals (network_id, decision_id, submission_id, grounds) VALUES ($1, $2, $3, 'My grounds, with my name')`,
    [t.network.id, decision.id, sent],
  );

  const data = (await t.api('GET', '/api/v1/me/export', { token: ada.token })).json();
  expect(data.callSubmissions.submissions.map((s: { id: string }) => s.id).sort()).toEqual([sent, draft].sort());
  expect(data.callSubmissions.submissions.find((s: { id: string }) => s.id === sent)).toMatchObject({
    applicantName: 'Ada',
    answers: { summary: 'My plan' },
    appeals: [expect.objectContaining({ grounds: 'My grounds, with my name', status: 'open' })],
  });
  expect(data.callSubmissions.coApplicant).toEqual([expect.objectContaining({ submissionId: bobs })]);

  const del = await t.api('DELETE', '/api/v1/me', { token: ada.token, body: { confirm: 'ada@example.org' } });
  expect(del.statusCode, del.body).toBe(204);
  expect(await q(`SELECT id FROM submissions WHERE id = $1`, [draft])).toEqual([]);
  const [kept] = await q(
    `SELECT user_id, applicant_name, applicant_email, organisation, answers, title, status FROM submissions WHERE id = $1`,
    [sent],
  );
  expect(kept).toEqual({
    user_id: null,
    applicant_name: 'Deleted member',
    applicant_email: `deleted-${sent}@invalid`,
    organisation: '',
    answers: {},
    title: "Ada's project",
    status: 'submitted',
  });
  expect(await q(`SELECT grounds FROM appeals WHERE submission_id = $1`, [sent])).toEqual([{ grounds: '' }]);
  expect(await q(`SELECT 1 FROM decisions WHERE id = $1`, [decision.id])).toHaveLength(1);
  expect(await q(`SELECT 1 FROM co_applicants WHERE email = 'ada@example.org'`)).toEqual([]);
  // Bob's submission is untouched.
  expect((await q(`SELECT applicant_name FROM submissions WHERE id = $1`, [bobs]))[0].applicant_name).toBe('Bob');
});

it('deletes the files of my erased submissions from the storage, keeping a file someone else also sent', async () => {
  const admin = await t.user('admin');
  const gil = await t.user('member', 'gil@example.org');
  const call = await t.api('POST', '/api/v1/calls', { token: admin.token, body: makeCall({ slug: 'files-call' }) });
  const callId = call.json().id;
  const submission = async (status: string, userId: string | null, email: string) =>
    (
      await q(
        `INSERT INTO submissions (network_id, call_id, user_id, secret_hash, applicant_name, applicant_email, locale, language, title, answers, status)
         VALUES ($1, $2, $3, md5(random()::text), 'X', $4, 'en', 'en', 'A project', '{}', $5) RETURNING id`,
        [t.network.id, callId, userId, email, status],
      )
    )[0].id as string;
  const [sent, draft, hers] = [
    await submission('submitted', gil.user.id, 'gil@example.org'),
    await submission('draft', gil.user.id, 'gil@example.org'),
    await submission('submitted', null, 'hal@example.org'),
  ];
  const store = blobStoreFor(t.config);
  // Uploads are shared by content: the same bytes sent by Gil and by Hal are one upload, one blob.
  const upload = async (key: string) => {
    await store.put(key, Buffer.from(`%PDF-1.4 ${key}`));
    return (
      await q(
        `INSERT INTO uploads (network_id, sha256, key, content_type, byte_size, original_name)
         VALUES ($1, $2, $3, 'application/pdf', 10, 'plan.pdf') RETURNING id`,
        [t.network.id, key.slice(0, 64), key],
      )
    )[0].id as string;
  };
  const [own, ofDraft, shared] = [
    await upload(`${'a'.repeat(64)}.pdf`),
    await upload(`${'b'.repeat(64)}.pdf`),
    await upload(`${'c'.repeat(64)}.pdf`),
  ];
  for (const [submissionId, uploadId] of [
    [sent, own],
    [draft, ofDraft],
    [sent, shared],
    [hers, shared],
  ])
    await q(
      `INSERT INTO submission_files (submission_id, field, upload_id, display_name) VALUES ($1, 'plan', $2, 'attachment-1.pdf')`,
      [submissionId, uploadId],
    );
  const del = await t.api('DELETE', '/api/v1/me', { token: gil.token, body: { confirm: 'gil@example.org' } });
  expect(del.statusCode, del.body).toBe(204);
  expect(await store.get(`${'a'.repeat(64)}.pdf`)).toBeUndefined();
  expect(await store.get(`${'b'.repeat(64)}.pdf`)).toBeUndefined();
  expect((await store.get(`${'c'.repeat(64)}.pdf`))?.toString()).toContain('%PDF-1.4');
  expect(
    (await q(`SELECT id FROM uploads WHERE id = ANY($1::uuid[])`, [[own, ofDraft, shared]])).map((r) => r.id),
  ).toEqual([shared]);
  expect(await q(`SELECT submission_id FROM submission_files`)).toEqual([{ submission_id: hers }]);
});

it('exports the news imports I started', async () => {
  const admin = await t.user('admin');
  await q(
    `INSERT INTO news_import_jobs (network_id, created_by, file_name, file_path, total_bytes) VALUES ($1, $2, 'blog.xml', '/tmp/x', 10)`,
    [t.network.id, admin.user.id],
  );
  const data = (await t.api('GET', '/api/v1/me/export', { token: admin.token })).json();
  expect(data.newsImports).toEqual([expect.objectContaining({ fileName: 'blog.xml', status: 'previewed' })]);
});
