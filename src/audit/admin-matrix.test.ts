import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent, makeVenue } from '../../test/support/factories.js';
import { type FormSession, signIn } from '../../test/support/forms.js';
import { writeRoutes } from '../../test/support/routes.js';
import { makeCall } from '../calls/test-fixtures.js';

/**
 * Every write route of the API and of the administration, classified: each administrative act
 * writes an audit entry (run here, or proved by the test named), or says why it is none. A new
 * route is in none of the lists, and this file fails until someone decides which it is.
 */

type Ctx = { t: TestApp; admin: Admin; browser: FormSession };
type Admin = Awaited<ReturnType<TestApp['user']>>;
/** Runs the act (answering 2xx or a 303); the audit log must then hold `action`. */
type Act = { action: string; run: (c: Ctx) => Promise<unknown> };

let n = 0;
const ok = (res: { statusCode: number; body: string }, what: string) =>
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(400);
const api = async (c: Ctx, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
  const res = await c.t.api(method, url, { token: c.admin.token, ...(body !== undefined ? { body } : {}) });
  ok(res, `${method} ${url}`);
  return res.statusCode === 204 ? undefined : res.json();
};
const chapter = async (c: Ctx) => (await makeChapter(c.t, c.admin.token)).slug;
const venue = async (c: Ctx) => (await makeVenue(c.t, c.admin.token)).slug;
const member = async (c: Ctx) => (await c.t.user('member')).user;
/** An account waiting for its address to be confirmed, with its confirmation mail in the outbox. */
const unconfirmed = async (c: Ctx) => {
  const email = `unconfirmed-${++n}@example.org`;
  await api(c, 'POST', '/api/v1/auth/signup', { name: 'Not Yet', email });
  const { rows } = await c.t.database.pool.query(
    `SELECT u.id, m.id AS message FROM users u JOIN outbound_messages m ON m.to_email = u.email
      WHERE u.network_id = $1 AND u.email = $2`,
    [c.t.network.id, email],
  );
  return rows[0] as { id: string; message: string };
};
const page = async (c: Ctx, pageUrl: string, action: string, form: Record<string, string> = {}) =>
  ok(await c.browser.submit(pageUrl, action, form), `POST ${action}`);
/** A reader's report on a published event, waiting in the queue; its id. */
const readerReport = async (c: Ctx): Promise<string> => {
  const e = await makeEvent(c.t, c.admin.token, await chapter(c));
  const res = await c.t.api('POST', `/api/v1/events/${e.id}/reports`, {
    body: { kind: 'error', message: 'The room moved' },
  });
  ok(res, 'a reader’s report');
  const { rows } = await c.t.database.pool.query('SELECT id FROM error_reports WHERE event_id = $1', [e.id]);
  return rows[0].id as string;
};
const png = sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a6' } })
  .png()
  .toBuffer();
const token = async (c: Ctx, name: string): Promise<string> =>
  (await api(c, 'POST', '/api/v1/auth/tokens', { email: c.admin.user.email, password: c.admin.password, name })).id;
const cover = async (c: Ctx, url: string) => {
  const boundary = 'matrix';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nA square\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\n`),
    await png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await c.t.app.inject({
    method: 'PUT',
    url,
    headers: { authorization: `Bearer ${c.admin.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  ok(res, `PUT ${url}`);
};
const webhook = async (c: Ctx) =>
  (await api(c, 'POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['event.published'] })).id;
const partnership = async (c: Ctx) =>
  (await api(c, 'POST', `/api/v1/chapters/${await chapter(c)}/partnerships`, { venue: await venue(c) })).id;
const redirect = async (c: Ctx) =>
  (await api(c, 'POST', '/api/v1/redirects', { from: `/old-${++n}`, to: '/events' })).id;
const grantInput = () => ({
  funder: `Funder ${++n}`,
  amountGrantedCents: 100_000,
  ratePercent: 50,
  eligibleCategories: ['activities'],
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
});
const grant = async (c: Ctx) => (await api(c, 'POST', '/api/v1/grants', grantInput())).id;
const categorySet = async (c: Ctx) =>
  (
    await api(c, 'POST', '/api/v1/category-sets', {
      name: `Funder ${++n}`,
      categories: [{ code: 'rent', fr: 'Loyer', nl: 'Huur', en: 'Rent' }],
    })
  ).id;
/** A draft expense the network paid (so it needs no receipt to be submitted), small enough to approve oneself. */
const expense = async (c: Ctx) =>
  (
    await api(c, 'POST', '/api/v1/expenses', {
      incurredOn: '2026-03-04',
      supplierName: 'Drinks & Co',
      amountCents: 1200,
      vatRate: 21,
      category: 'activities',
      description: 'Drinks',
      paidBy: 'network',
    })
  ).id;
const submitted = async (c: Ctx) => {
  const id = await expense(c);
  await api(c, 'POST', `/api/v1/expenses/${id}/submit`);
  return id;
};
const call = async (c: Ctx) => (await api(c, 'POST', '/api/v1/calls', makeCall({ slug: `call-${++n}` }))).id;
const juror = async (c: Ctx, callId: string) =>
  (await api(c, 'POST', `/api/v1/calls/${callId}/jurors`, { email: `juror-${++n}@example.org`, name: 'A Juror' })).id;

/** Administrative acts, run here. */
const acts: Record<string, Act> = {
  'POST /api/v1/auth/tokens': {
    action: 'token.create',
    run: (c) => token(c, 'ci'),
  },
  'DELETE /api/v1/auth/tokens/:id': {
    action: 'token.revoke',
    run: async (c) => {
      const id = await token(c, 'to revoke');
      await api(c, 'DELETE', `/api/v1/auth/tokens/${id}`);
    },
  },
  'POST /api/v1/chapters': { action: 'chapter.create', run: chapter },
  'PATCH /api/v1/chapters/:slug': {
    action: 'chapter.update',
    run: async (c) => api(c, 'PATCH', `/api/v1/chapters/${await chapter(c)}`, { city: 'Mons' }),
  },
  'DELETE /api/v1/chapters/:slug': {
    action: 'chapter.delete',
    run: async (c) => api(c, 'DELETE', `/api/v1/chapters/${await chapter(c)}`),
  },
  'PUT /api/v1/chapters/:slug/cover': {
    action: 'chapter.update',
    run: async (c) => cover(c, `/api/v1/chapters/${await chapter(c)}/cover`),
  },
  'DELETE /api/v1/chapters/:slug/cover': {
    action: 'chapter.update',
    run: async (c) => api(c, 'DELETE', `/api/v1/chapters/${await chapter(c)}/cover`),
  },
  'POST /api/v1/chapters/:slug/organizers': {
    action: 'chapter.organizer_add',
    run: async (c) =>
      api(c, 'POST', `/api/v1/chapters/${await chapter(c)}/organizers`, { email: (await member(c)).email }),
  },
  'DELETE /api/v1/chapters/:slug/organizers/:userId': {
    action: 'chapter.organizer_remove',
    run: async (c) => {
      const [slug, who] = [await chapter(c), await member(c)];
      await api(c, 'POST', `/api/v1/chapters/${slug}/organizers`, { email: who.email });
      await api(c, 'DELETE', `/api/v1/chapters/${slug}/organizers/${who.id}`);
    },
  },
  'POST /api/v1/venues': { action: 'venue.create', run: venue },
  'PATCH /api/v1/venues/:slug': {
    action: 'venue.update',
    run: async (c) => api(c, 'PATCH', `/api/v1/venues/${await venue(c)}`, { city: 'Namur' }),
  },
  'PUT /api/v1/venues/:slug/cover': {
    action: 'venue.update',
    run: async (c) => cover(c, `/api/v1/venues/${await venue(c)}/cover`),
  },
  'DELETE /api/v1/venues/:slug/cover': {
    action: 'venue.update',
    run: async (c) => api(c, 'DELETE', `/api/v1/venues/${await venue(c)}/cover`),
  },
  'POST /api/v1/venues/:slug/managers': {
    action: 'venue.manager_add',
    run: async (c) => api(c, 'POST', `/api/v1/venues/${await venue(c)}/managers`, { email: (await member(c)).email }),
  },
  'DELETE /api/v1/venues/:slug/managers/:userId': {
    action: 'venue.manager_remove',
    run: async (c) => {
      const [slug, who] = [await venue(c), await member(c)];
      await api(c, 'POST', `/api/v1/venues/${slug}/managers`, { email: who.email });
      await api(c, 'DELETE', `/api/v1/venues/${slug}/managers/${who.id}`);
    },
  },
  'POST /api/v1/chapters/:slug/partnerships': { action: 'partnership.create', run: partnership },
  'PATCH /api/v1/partnerships/:id': {
    action: 'partnership.update',
    run: async (c) => api(c, 'PATCH', `/api/v1/partnerships/${await partnership(c)}`, { status: 'ended' }),
  },
  'PUT /api/v1/news/editors/:userId': {
    action: 'news.editor_add',
    run: async (c) => api(c, 'PUT', `/api/v1/news/editors/${(await member(c)).id}`),
  },
  'DELETE /api/v1/news/editors/:userId': {
    action: 'news.editor_remove',
    run: async (c) => {
      const who = await member(c);
      await api(c, 'PUT', `/api/v1/news/editors/${who.id}`);
      await api(c, 'DELETE', `/api/v1/news/editors/${who.id}`);
    },
  },
  'POST /api/v1/treasurers': {
    action: 'treasurer.add',
    run: async (c) => api(c, 'POST', '/api/v1/treasurers', { email: (await member(c)).email }),
  },
  'DELETE /api/v1/treasurers/:id': {
    action: 'treasurer.remove',
    run: async (c) => {
      const { id } = await api(c, 'POST', '/api/v1/treasurers', { email: (await member(c)).email });
      await api(c, 'DELETE', `/api/v1/treasurers/${id}`);
    },
  },
  'POST /api/v1/webhooks': { action: 'webhook.create', run: webhook },
  'PATCH /api/v1/webhooks/:id': {
    action: 'webhook.update',
    run: async (c) => api(c, 'PATCH', `/api/v1/webhooks/${await webhook(c)}`, { active: false }),
  },
  'DELETE /api/v1/webhooks/:id': {
    action: 'webhook.delete',
    run: async (c) => api(c, 'DELETE', `/api/v1/webhooks/${await webhook(c)}`),
  },
  'POST /api/v1/redirects': { action: 'redirect.create', run: redirect },
  'PATCH /api/v1/redirects/:id': {
    action: 'redirect.update',
    run: async (c) => api(c, 'PATCH', `/api/v1/redirects/${await redirect(c)}`, { to: '/venues' }),
  },
  'DELETE /api/v1/redirects/:id': {
    action: 'redirect.delete',
    run: async (c) => api(c, 'DELETE', `/api/v1/redirects/${await redirect(c)}`),
  },
  'POST /api/v1/redirects/import': {
    action: 'redirect.import',
    run: async (c) => {
      const res = await c.t.app.inject({
        method: 'POST',
        url: '/api/v1/redirects/import',
        headers: { authorization: `Bearer ${c.admin.token}`, 'content-type': 'text/csv' },
        payload: `from,to\n/imported-${++n},/events\n`,
      });
      ok(res, 'POST /api/v1/redirects/import');
    },
  },
  'POST /api/v1/reports/:id/decision': {
    action: 'report.decision',
    run: async (c) => api(c, 'POST', `/api/v1/reports/${await readerReport(c)}/decision`, { status: 'duplicate' }),
  },
  'POST /admin/news/reports/:id': {
    action: 'report.decision',
    run: async (c) =>
      page(c, '/admin/news/reports', `/admin/news/reports/${await readerReport(c)}`, { status: 'accepted' }),
  },
  'POST /api/v1/events/:id/cancel': {
    action: 'event.cancel',
    run: async (c) => {
      const e = await makeEvent(c.t, c.admin.token, await chapter(c));
      await api(c, 'POST', `/api/v1/events/${e.id}/cancel`, { reason: 'The room flooded' });
    },
  },
  'DELETE /api/v1/members/:id': {
    action: 'member.delete',
    run: async (c) => api(c, 'DELETE', `/api/v1/members/${(await member(c)).id}`),
  },
  'POST /admin/members': {
    action: 'account.create',
    run: (c) =>
      page(c, '/admin/members', '/admin/members', {
        name: 'Made By Admin',
        email: `made-${++n}@example.org`,
        role: 'admin',
        password: 'a long enough password 123',
      }),
  },
  'POST /admin/members/:id/verify': {
    action: 'member.verify',
    run: async (c) => {
      const { id } = await unconfirmed(c);
      await page(c, '/admin/members', `/admin/members/${id}/verify`);
    },
  },
  'POST /admin/members/:id/resend-confirmation': {
    action: 'member.verify_resent',
    run: async (c) => {
      const { id } = await unconfirmed(c);
      await page(c, '/admin/members', `/admin/members/${id}/resend-confirmation`);
    },
  },
  'POST /admin/members/:id/password-link': {
    action: 'account.password_link',
    run: async (c) => page(c, '/admin/members', `/admin/members/${(await member(c)).id}/password-link`),
  },
  'POST /api/v1/members/:id/password-link': {
    action: 'account.password_link',
    run: async (c) => api(c, 'POST', `/api/v1/members/${(await member(c)).id}/password-link`),
  },
  'POST /admin/members/:id/export': {
    action: 'member.export',
    run: async (c) => page(c, '/admin/members', `/admin/members/${(await member(c)).id}/export`),
  },
  'POST /admin/outbox/:id/resend': {
    action: 'mail.resend',
    run: async (c) => {
      const { message } = await unconfirmed(c);
      await page(c, `/admin/outbox/${message}`, `/admin/outbox/${message}/resend`);
    },
  },
  'POST /admin/outbox/:id/cancel': {
    action: 'mail.cancel',
    run: async (c) => {
      const { message } = await unconfirmed(c);
      await page(c, `/admin/outbox/${message}`, `/admin/outbox/${message}/cancel`);
    },
  },
  'POST /api/v1/budgets': {
    action: 'budget.save',
    run: async (c) =>
      api(c, 'POST', '/api/v1/budgets', {
        year: 2026,
        chapter: await chapter(c),
        lines: [{ kind: 'expense', category: 'activities', label: 'IT days', amountCents: 50_000 }],
      }),
  },
  'POST /api/v1/grants': { action: 'grant.create', run: grant },
  'PUT /api/v1/grants/:id': {
    action: 'grant.update',
    run: async (c) =>
      api(c, 'PUT', `/api/v1/grants/${await grant(c)}`, { ...grantInput(), amountGrantedCents: 90_000 }),
  },
  'POST /api/v1/category-sets': { action: 'categories.create', run: categorySet },
  'PUT /api/v1/category-sets/:id': {
    action: 'categories.update',
    run: async (c) =>
      api(c, 'PUT', `/api/v1/category-sets/${await categorySet(c)}`, {
        name: `Renamed ${++n}`,
        categories: [{ code: 'travel', fr: 'Voyages', nl: 'Reizen', en: 'Travel' }],
      }),
  },
  'POST /api/v1/expenses': { action: 'expense.create', run: expense },
  'PATCH /api/v1/expenses/:id': {
    action: 'expense.update',
    run: async (c) => api(c, 'PATCH', `/api/v1/expenses/${await expense(c)}`, { amountCents: 1100 }),
  },
  'POST /api/v1/expenses/:id/submit': { action: 'expense.submit', run: submitted },
  'POST /api/v1/expenses/:id/reject': {
    action: 'expense.reject',
    run: async (c) => api(c, 'POST', `/api/v1/expenses/${await submitted(c)}/reject`, { reason: 'Not ours' }),
  },
  'POST /api/v1/expenses/:id/pay': {
    action: 'expense.pay',
    run: async (c) => {
      const id = await submitted(c);
      await api(c, 'POST', `/api/v1/expenses/${id}/approve`);
      await api(c, 'POST', `/api/v1/expenses/${id}/pay`, { paidOn: '2026-03-10' });
    },
  },
  'POST /api/v1/expenses/:id/receipts': {
    action: 'expense.receipt',
    run: async (c) => {
      const res = await c.t.app.inject({
        method: 'POST',
        url: `/api/v1/expenses/${await expense(c)}/receipts?name=ticket.pdf`,
        headers: { authorization: `Bearer ${c.admin.token}`, 'content-type': 'application/pdf' },
        payload: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
      });
      ok(res, 'POST /api/v1/expenses/:id/receipts');
    },
  },
  'POST /api/v1/calls': { action: 'call.create', run: call },
  'POST /api/v1/calls/:id/jurors': { action: 'call.juror_invited', run: async (c) => juror(c, await call(c)) },
  'POST /api/v1/calls/:id/jurors/:jurorId/invitation': {
    action: 'call.juror_reinvited',
    run: async (c) => {
      const id = await call(c);
      await api(c, 'POST', `/api/v1/calls/${id}/jurors/${await juror(c, id)}/invitation`);
    },
  },
  'POST /api/v1/calls/:id/stages/:position/close': {
    action: 'call.stage_closed',
    run: async (c) => api(c, 'POST', `/api/v1/calls/${await call(c)}/stages/1/close`),
  },
  'POST /api/v1/audit-log/export': {
    action: 'audit.export',
    run: async (c) => {
      const res = await c.t.app.inject({
        method: 'POST',
        url: '/api/v1/audit-log/export',
        headers: { authorization: `Bearer ${c.admin.token}` },
        payload: { action: 'chapter.create' },
      });
      ok(res, 'POST /api/v1/audit-log/export');
    },
  },
  'POST /admin/audit/export': {
    action: 'audit.export',
    run: (c) => page(c, '/admin/audit', '/admin/audit/export', { action: 'chapter.create' }),
  },
};

/** Administrative acts whose audit entry another test proves: [action, that test file]. */
const auditedElsewhere: Record<string, [string, string]> = {
  'POST /api/v1/events/:id/invitations': ['invitations.send', 'src/invitations/pages.test.ts'],
  'POST /admin/events/:id/invite': ['invitations.send', 'src/invitations/pages.test.ts'],
  'POST /admin/events/:id/cancel': ['event.cancel', 'src/events/cancel-page.test.ts'],
  'POST /api/v1/members/import': ['members.import', 'src/member-import/http.test.ts'],
  'POST /admin/members/import/run': ['members.import', 'src/audit/audit.test.ts'],
  'POST /admin/members/:id/delete': ['member.delete', 'src/gdpr/gdpr.test.ts'],
  'POST /api/v1/expenses/:id/approve': ['expense.approve', 'src/audit/audit.test.ts'],
  'POST /admin/expenses/:id/approve': ['expense.approve', 'src/audit/audit.test.ts'],
  'PATCH /api/v1/calls/:id': ['call.version', 'src/calls/calls.test.ts'],
  'POST /api/v1/calls/:id/conflicts': ['call.conflict', 'src/jury/jury.test.ts'],
  'POST /api/v1/calls/:id/assignments': ['call.assignment', 'src/jury/jury.test.ts'],
  'PUT /api/v1/submissions/:id/review': ['call.score', 'src/jury/jury.test.ts'],
  'PUT /api/v1/submissions/:id/redaction': ['call.redaction', 'src/jury/manage-pages.test.ts'],
  'POST /api/v1/calls/:id/decisions': ['call.decision', 'src/jury/results-api.test.ts'],
  'POST /api/v1/calls/:id/decisions/send': ['call.decisions_sent', 'src/jury/results-api.test.ts'],
  'POST /api/v1/calls/:id/jury/accept': ['call.juror_joined', 'src/jury/invitations.test.ts'],
  'PUT /api/v1/appeals/:id': ['call.appeal_answered', 'src/jury/appeals.test.ts'],
  'POST /admin/news/import': ['news.import_preview', 'src/news-import/pages.test.ts'],
  'POST /admin/news/import/:id/run': ['news.import_run', 'src/news-import/pages.test.ts'],
  'POST /admin/news/import/:id/resume': ['news.import_resume', 'src/news-import/pages.test.ts'],
  // Run here it would sign the matrix's admin out of the browser session the other acts use.
  'PUT /api/v1/me/password': ['account.password_change', 'src/accounts/password.test.ts'],
};

/**
 * The same act as an API route above, through the administration's form (the same service call,
 * given the signed-in person as actor).
 */
const sameAs: Record<string, string> = {
  'POST /admin/chapters': 'POST /api/v1/chapters',
  'POST /admin/chapters/:slug': 'PATCH /api/v1/chapters/:slug',
  'POST /admin/chapters/:slug/delete': 'DELETE /api/v1/chapters/:slug',
  'POST /admin/chapters/:slug/cover': 'PUT /api/v1/chapters/:slug/cover',
  'POST /admin/chapters/:slug/cover/delete': 'DELETE /api/v1/chapters/:slug/cover',
  'POST /admin/chapters/:slug/organizers': 'POST /api/v1/chapters/:slug/organizers',
  'POST /admin/chapters/:slug/partnerships': 'POST /api/v1/chapters/:slug/partnerships',
  'POST /admin/partnerships/:id/end': 'PATCH /api/v1/partnerships/:id',
  'POST /admin/venues': 'POST /api/v1/venues',
  'POST /admin/venues/:slug': 'PATCH /api/v1/venues/:slug',
  'POST /admin/venues/:slug/cover': 'PUT /api/v1/venues/:slug/cover',
  'POST /admin/venues/:slug/cover/delete': 'DELETE /api/v1/venues/:slug/cover',
  'POST /admin/venues/:slug/managers': 'POST /api/v1/venues/:slug/managers',
  'POST /admin/webhooks': 'POST /api/v1/webhooks',
  'POST /admin/webhooks/:id/enable': 'PATCH /api/v1/webhooks/:id',
  'POST /admin/webhooks/:id/disable': 'PATCH /api/v1/webhooks/:id',
  'POST /admin/webhooks/:id/delete': 'DELETE /api/v1/webhooks/:id',
  'POST /admin/budgets/:year/:scope': 'POST /api/v1/budgets',
  'POST /admin/grants': 'POST /api/v1/grants',
  'POST /admin/grants/:id': 'PUT /api/v1/grants/:id',
  'POST /admin/category-sets': 'POST /api/v1/category-sets',
  'POST /admin/category-sets/:id': 'PUT /api/v1/category-sets/:id',
  'POST /admin/expenses': 'POST /api/v1/expenses',
  'POST /admin/expenses/:id/submit': 'POST /api/v1/expenses/:id/submit',
  'POST /admin/expenses/:id/reject': 'POST /api/v1/expenses/:id/reject',
  'POST /admin/expenses/:id/pay': 'POST /api/v1/expenses/:id/pay',
  'POST /admin/expenses/:id/receipts': 'POST /api/v1/expenses/:id/receipts',
  'POST /admin/redirects': 'POST /api/v1/redirects',
  'POST /admin/redirects/:id': 'PATCH /api/v1/redirects/:id',
  'POST /admin/redirects/:id/delete': 'DELETE /api/v1/redirects/:id',
  'POST /admin/redirects/import': 'POST /api/v1/redirects/import',
};

const OWN = 'a member acting on their own account or data, not an administrative act';
const CONTENT =
  'organisers and editors writing their own content (events, articles, programme), not an act on accounts, rights or settings';
const DOOR =
  'running an event’s attendance (add, confirm, cancel, check in), not an act on accounts, rights or settings';
const PUBLIC = 'a visitor’s or applicant’s own request, not an administrative act';
const READ = 'computes a preview or a check and changes nothing';
/** Not administrative acts, each with the reason. */
const notAdministrative: Record<string, string> = {
  'DELETE /api/v1/chapters/:slug/follow': OWN,
  'PUT /api/v1/chapters/:slug/follow': OWN,
  'DELETE /api/v1/me': `${OWN} (recorded as member.self_delete by the GDPR erasure)`,
  'DELETE /api/v1/me/calendar-token': OWN,
  'POST /api/v1/me/calendar-token': OWN,
  'PATCH /api/v1/me/profile': OWN,
  'PUT /api/v1/me/picture': OWN,
  'DELETE /api/v1/me/picture': OWN,
  'POST /api/v1/members/:id/contact': 'a member writing to another (logged in contact_messages, without the text)',
  'PUT /api/v1/chapters/:slug/organizers/me/notifications': OWN,
  'POST /api/v1/auth/signup': PUBLIC,
  'POST /api/v1/auth/signup/resend': PUBLIC,
  'POST /api/v1/chapters/:slug/interest': PUBLIC,
  'POST /api/v1/news/:slug/reports': PUBLIC,
  'POST /api/v1/events/:id/reports': PUBLIC,
  'POST /api/v1/events/:id/registrations': PUBLIC,
  'POST /api/v1/registrations/:id/cancel': DOOR,
  'POST /api/v1/registrations/:id/confirm': DOOR,
  'POST /api/v1/events/:id/attendees': DOOR,
  'POST /api/v1/events/:id/check-ins': DOOR,
  'DELETE /api/v1/events/:id/check-ins/:registrationId': DOOR,
  'POST /admin/events/:id/door/:registrationId/undo': DOOR,
  'POST /admin/events/:id/attendees': DOOR,
  'POST /admin/events/:id/door': DOOR,
  'POST /admin/registrations/:id/cancel': DOOR,
  'POST /admin/registrations/:id/confirm': DOOR,
  'POST /api/v1/calls/:id/submissions': PUBLIC,
  'PATCH /api/v1/submissions/:id': PUBLIC,
  'PUT /api/v1/submissions/:id/files/:fileId|:field': PUBLIC,
  'POST /api/v1/submissions/appeal': `${PUBLIC} (recorded as call.appeal)`,
  'POST /api/v1/decisions/confirm': PUBLIC,
  'POST /api/v1/chapters/:slug/events': CONTENT,
  'PATCH /api/v1/events/:id': CONTENT,
  'PUT /api/v1/events/:id/cover': CONTENT,
  'DELETE /api/v1/events/:id/cover': CONTENT,
  'POST /admin/events/:id/cover': CONTENT,
  'POST /admin/events/:id/cover/delete': CONTENT,
  'POST /admin/chapters/:slug/events': CONTENT,
  'POST /admin/events/:id': CONTENT,
  'POST /api/v1/events/:id/sessions': CONTENT,
  'PATCH /api/v1/sessions/:id': CONTENT,
  'POST /api/v1/articles': `${CONTENT}; articles keep their own revisions`,
  'PATCH /api/v1/articles/:id': `${CONTENT}; articles keep their own revisions`,
  'PUT /api/v1/articles/:id/cover': CONTENT,
  'DELETE /api/v1/articles/:id/cover': CONTENT,
  'POST /admin/news': `${CONTENT}; articles keep their own revisions`,
  'POST /admin/news/:id': `${CONTENT}; articles keep their own revisions`,
  'POST /api/v1/articles/:id/repairs/scan': READ,
  'POST /api/v1/articles/:id/repairs/:repairId': `${CONTENT}; the repair is a revision of the article`,
  'POST /admin/news/:id/repairs/:repairId': `${CONTENT}; the repair is a revision of the article`,
  'POST /admin/news/:id/fetch-media': `${CONTENT}; the pictures brought home make a revision of the article`,
  'POST /api/v1/events/:id/invitations/preview': READ,
  'POST /api/v1/calls/:id/decisions/preview': READ,
  'POST /admin/members/import/check': READ,
  'POST /admin/chapters/:slug/notify': 'an organiser’s own notification setting',
};

/**
 * Administrative acts that do not write an audit entry yet. Empty, and kept so: a new
 * administrative act is audited (and listed above), not parked here.
 */
const notYetAudited: Record<string, string> = {};

let ctx: Ctx;
beforeAll(async () => {
  const t = await startTestApp({ allowPrivateWebhooks: true });
  const admin = await t.user('admin');
  ctx = { t, admin, browser: await signIn(t.app, { email: admin.user.email, password: admin.password }) };
});
afterAll(() => ctx.t.close());

const isAdministrativeSurface = (route: string) => / \/(api\/v1|admin)\//.test(route);

describe('every write route of the API and the administration', () => {
  it('is classified: audited here, audited elsewhere, the same as an audited route, not administrative, or a named gap', () => {
    const lists = [acts, auditedElsewhere, sameAs, notAdministrative, notYetAudited].map((l) => Object.keys(l));
    const routes = writeRoutes(ctx.t.app).filter(isAdministrativeSurface);
    expect(routes.length).toBeGreaterThan(100);
    const unclassified = routes.filter((r) => !lists.some((l) => l.includes(r)));
    expect(unclassified, 'new write routes: add each to one of the lists of this file').toEqual([]);
    // Each route in one list only, and no list names a route that no longer exists.
    const all = lists.flat();
    expect(all.filter((r, i) => all.indexOf(r) !== i)).toEqual([]);
    expect(all.filter((r) => !routes.includes(r))).toEqual([]);
    for (const [page, route] of Object.entries(sameAs)) expect(Object.keys(acts), page).toContain(route);
    expect(notYetAudited, 'an administrative act writes an audit entry: record it, then list it above').toEqual({});
  });

  it('names, for each act audited elsewhere, a test that looks for its entry', () => {
    for (const [route, [action, file]] of Object.entries(auditedElsewhere))
      expect(readFileSync(file, 'utf8'), `${route} → ${file}`).toContain(`'${action}'`);
  });

  for (const [route, act] of Object.entries(acts))
    it(`${route} writes an audit entry ${act.action}, with who did it`, async () => {
      const count = async () =>
        Number(
          (await ctx.t.database.pool.query('SELECT count(*) FROM audit_log WHERE network_id = $1', [ctx.t.network.id]))
            .rows[0].count,
        );
      const before = await count();
      await act.run(ctx);
      const { rows } = await ctx.t.database.pool.query(
        'SELECT action, actor_email FROM audit_log WHERE network_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
        [ctx.t.network.id, Math.max(1, (await count()) - before)],
      );
      expect(rows.map((r) => r.action)).toContain(act.action);
      expect(rows.find((r) => r.action === act.action)!.actor_email).toBe(ctx.admin.user.email);
    });
});
