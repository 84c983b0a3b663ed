import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';
import { recordAudit } from './service.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  for (let i = 0; i < 5; i++) {
    await recordAudit(t.database.db, {
      networkId: t.network.id,
      actor: { id: admin.user.id, email: admin.user.email },
      action: 'member.export',
      subject: `member ${i}`,
    });
  }
  await recordAudit(t.database.db, {
    networkId: t.network.id,
    actor: null,
    action: 'members.import',
    subject: 'members.csv',
  });
});
afterAll(() => t.close());

it('pages through the audit log newest first', async () => {
  const first = (await t.api('GET', '/api/v1/audit-log?limit=4', { token: admin.token })).json();
  expect(first.items.map((e: { subject: string }) => e.subject)).toEqual([
    'members.csv',
    'member 4',
    'member 3',
    'member 2',
  ]);
  expect(first.items[0]).toMatchObject({ actor: 'command line', action: 'members.import' });
  const second = (
    await t.api('GET', `/api/v1/audit-log?limit=4&cursor=${first.nextCursor}`, { token: admin.token })
  ).json();
  expect(second.items.map((e: { subject: string }) => e.subject)).toEqual(['member 1', 'member 0']);
  expect(second.nextCursor).toBeNull();
  expect((await t.api('GET', '/api/v1/audit-log?cursor=%%%', { token: admin.token })).statusCode).toBe(400);
});

it('shows the audit log to admins only', async () => {
  const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
  const page = await b.get('/admin/audit');
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('Audit log');
  expect(page.body).toContain('Member data exported');
  expect(page.body).toContain('member 4');
  expect(page.body).toContain(admin.user.email);
  expect((await b.get('/admin')).body).toContain('href="/admin/audit"');

  const m = await t.user('member');
  const mb = await signIn(t.app, { email: m.user.email, password: m.password });
  expect((await mb.get('/admin/audit')).statusCode).toBe(403);
  const visitor = await t.app.inject({ url: '/admin/audit' });
  expect(visitor.statusCode).toBe(303);
});

it('pages through entries written within the same millisecond without losing or repeating one', async () => {
  // Old entries, a microsecond apart: a cursor at millisecond precision would skip two of them.
  for (const us of ['001', '002', '003'])
    await t.database.pool.query(
      `INSERT INTO audit_log (network_id, actor_email, action, subject, created_at)
       VALUES ($1, 'command line', 'member.export', $2, $3)`,
      [t.network.id, `same ms ${us}`, `2000-01-01T00:00:00.123${us}Z`],
    );
  const seen: string[] = [];
  let cursor = '';
  for (let page = 0; page < 20; page++) {
    const res = (
      await t.api('GET', `/api/v1/audit-log?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: admin.token })
    ).json();
    seen.push(...res.items.map((e: { subject: string }) => e.subject));
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  expect(seen.filter((s) => s.startsWith('same ms'))).toEqual(['same ms 003', 'same ms 002', 'same ms 001']);
  expect(new Set(seen).size).toBe(seen.length);
});

it('names money and venue acts in the reader’s language, not by their code', async () => {
  for (const action of ['expense.approve', 'expense.incomplete', 'venue.contacts.export'] as const) {
    await recordAudit(t.database.db, {
      networkId: t.network.id,
      actor: { id: admin.user.id, email: admin.user.email },
      action,
      subject: `${action} subject`,
    });
  }
  const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
  const en = (await b.get('/admin/audit')).body;
  expect(en).toContain('Expense approved');
  expect(en).toContain('Expense sent back as incomplete');
  expect(en).toContain('Venue contacts exported');
  expect(en).not.toContain('>expense.approve<');
  const fr = (await b.get('/admin/audit', { 'accept-language': 'fr' })).body;
  expect(fr).toContain('Dépense approuvée');
  expect(fr).toContain('Contacts d’un lieu exportés');
  const nl = (await b.get('/admin/audit', { 'accept-language': 'nl' })).body;
  expect(nl).toContain('Uitgave goedgekeurd');
});
