import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession, signIn } from '../../test/support/forms.js';
import { deliverDue } from './worker.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
beforeAll(async () => {
  // No SMTP_URL: the server this issue is about, where mail is held.
  t = await startTestApp({ smtpUrl: undefined });
  admin = await t.user('admin');
});
afterAll(() => t.close());

const q = async (sql: string, params: unknown[] = []) => (await t.database.pool.query(sql, params)).rows;
const messageOf = async (email: string) =>
  (await q(`SELECT id, status, text_body FROM outbound_messages WHERE to_email = $1 ORDER BY created_at`, [email]))[0];

describe('finishing a sign-up on a server without SMTP', () => {
  it('the admin reads the held confirmation, its link works, and resending puts it back in the queue', async () => {
    const visitor = new FormSession(t.app);
    const res = await visitor.submit('/signup', '/signup', { name: 'Nora Held', email: 'nora@example.org' });
    expect(res.statusCode, res.body).toBeLessThan(400);
    await deliverDue(t.database.db, t.config, undefined);
    const m = await messageOf('nora@example.org');
    expect(m.status).toBe('held');

    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    const list = await b.get('/admin/outbox?status=held&to=nora');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('1 message');
    expect(list.body).toContain(`href="/admin/outbox/${m.id}"`);
    const page = await b.get(`/admin/outbox/${m.id}`);
    expect(page.statusCode).toBe(200);
    const link = /\/verify\/([A-Za-z0-9_-]{43})/.exec(page.body)?.[0];
    expect(link).toBeDefined();
    // The admin passes the link on; it opens the page where the password is chosen.
    expect((await new FormSession(t.app).get(link!)).body).toContain('Confirm nora@example.org');

    const resent = await b.submit(`/admin/outbox/${m.id}`, `/admin/outbox/${m.id}/resend`, {});
    expect(resent.statusCode).toBe(303);
    expect(resent.headers.location).toBe(`/admin/outbox/${m.id}?done=resent`);
    expect((await messageOf('nora@example.org')).status).toBe('pending');
    expect((await b.get(resent.headers.location as string)).body).toContain('back in the queue');
  });

  it('cancels a message not yet sent, and then offers no cancel', async () => {
    await t.api('POST', '/api/v1/auth/signup', { body: { name: 'Otto', email: 'otto@example.org' } });
    const m = await messageOf('otto@example.org');
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    const done = await b.submit(`/admin/outbox/${m.id}`, `/admin/outbox/${m.id}/cancel`, {});
    expect(done.statusCode).toBe(303);
    expect((await messageOf('otto@example.org')).status).toBe('cancelled');
    // The worker leaves it alone.
    await deliverDue(t.database.db, t.config, undefined);
    expect((await messageOf('otto@example.org')).status).toBe('cancelled');
    const page = await b.get(done.headers.location as string);
    expect(page.body).toContain('will not be sent');
    expect(page.body).not.toContain(`/admin/outbox/${m.id}/cancel`);
    expect((await b.get('/admin/outbox?status=cancelled')).body).toContain('otto@example.org');
    expect((await b.get('/admin/outbox?status=held')).body).not.toContain('otto@example.org');
  });

  it('pages through more than one page of messages (no cap)', async () => {
    const net = t.network.id;
    await q(
      `INSERT INTO outbound_messages (network_id, kind, to_email, locale, subject, text_body, html_body, status, created_at)
       SELECT $1, 'test', 'bulk' || g || '@paging.example', 'en', 'Bulk ' || g, 'x', 'x', 'sent', now() - g * interval '1 second'
       FROM generate_series(1, 230) g`,
      [net],
    );
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    const first = await b.get('/admin/outbox?to=paging.example');
    expect(first.body).toContain('230 messages');
    expect(first.body).toContain('bulk1@paging.example');
    expect(first.body).toContain('/admin/outbox?to=paging.example&amp;offset=50');
    const last = await b.get('/admin/outbox?to=paging.example&offset=200');
    expect(last.body).toContain('bulk230@paging.example');
    expect(last.body).not.toContain('offset=250');
  });

  it('is for admins only; a member gets 403 and cannot resend; an unknown id is a 404', async () => {
    const m = await t.user('member');
    const mb = await signIn(t.app, { email: m.user.email, password: m.password });
    const any = (await q(`SELECT id, status FROM outbound_messages LIMIT 1`))[0];
    expect((await mb.get('/admin/outbox')).statusCode).toBe(403);
    expect((await mb.get(`/admin/outbox/${any.id}`)).statusCode).toBe(403);
    expect((await mb.submit('/me', `/admin/outbox/${any.id}/resend`, {})).statusCode).toBe(403);
    expect((await q(`SELECT status FROM outbound_messages WHERE id = $1`, [any.id]))[0].status).toBe(any.status);
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    expect((await b.get('/admin/outbox/not-an-id')).statusCode).toBe(404);
    expect((await b.get('/admin/outbox/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('confirming an address from /admin/members', () => {
  it('resends a confirmation (audited) and marks an address verified (audited); then the buttons are gone', async () => {
    await t.api('POST', '/api/v1/auth/signup', { body: { name: 'Pia Waiting', email: 'pia@example.org' } });
    const [pia] = await q(`SELECT id FROM users WHERE email = 'pia@example.org'`);
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    const list = await b.get('/admin/members?q=pia');
    expect(list.body).toContain(`action="/admin/members/${pia.id}/resend-confirmation"`);
    expect(list.body).toContain(`action="/admin/members/${pia.id}/verify"`);

    const resent = await b.submit('/admin/members?q=pia', `/admin/members/${pia.id}/resend-confirmation`, {});
    expect(resent.statusCode).toBe(303);
    expect(await q(`SELECT kind FROM outbound_messages WHERE to_email = 'pia@example.org'`)).toHaveLength(2);
    expect((await b.get(resent.headers.location as string)).body).toContain('A new confirmation link is in the outbox');

    const verified = await b.submit('/admin/members?q=pia', `/admin/members/${pia.id}/verify`, {});
    expect(verified.statusCode).toBe(303);
    expect(
      (await q(`SELECT email_verified_at FROM users WHERE id = $1`, [pia.id]))[0].email_verified_at,
    ).not.toBeNull();
    expect(
      (await q(`SELECT action FROM audit_log WHERE subject = 'pia@example.org' ORDER BY created_at`)).map(
        (r) => r.action,
      ),
    ).toEqual(['member.verify_resent', 'member.verify']);
    const after = await b.get('/admin/members?q=pia');
    expect(after.body).not.toContain(`/admin/members/${pia.id}/verify`);
    // The old links no longer set a password.
    expect(await q(`SELECT 1 FROM login_links WHERE user_id = $1 AND used_at IS NULL`, [pia.id])).toEqual([]);

    const m = await t.user('member');
    const mb = await signIn(t.app, { email: m.user.email, password: m.password });
    expect((await mb.submit('/me', `/admin/members/${pia.id}/verify`, {})).statusCode).toBe(403);
  });
});
