import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, signIn } from '../../test/support/forms.js';

/** The expense pages: an organiser records and submits with a receipt, a treasurer approves and pays. */

let t: TestApp;
const people: Record<string, { email: string; password: string; token: string }> = {};
let eventId = '';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, role] of [
    ['admin', 'admin'],
    ['organiser', 'member'],
    ['treasurer', 'member'],
  ] as const) {
    const u = await t.user(role);
    people[k] = { email: u.user.email, password: u.password, token: u.token };
  }
  const post = (url: string, body: unknown) => t.api('POST', url, { token: people.admin!.token, body });
  await post('/api/v1/chapters', { name: 'Charleroi', slug: 'charleroi', city: 'Charleroi', status: 'active' });
  await post('/api/v1/chapters/charleroi/organizers', { email: people.organiser!.email });
  await post('/api/v1/treasurers', { email: people.treasurer!.email });
  eventId = (
    await post('/api/v1/chapters/charleroi/events', {
      title: 'IT day',
      startsAt: '2026-03-05T17:00:00Z',
      endsAt: '2026-03-05T20:00:00Z',
      capacity: 40,
      onlineUrl: 'https://meet.example.org/x',
    })
  ).json().id;
});
afterAll(() => t.close());

describe('expense pages', () => {
  it('refuses an amount it cannot read exactly, keeping what was typed', async () => {
    const b = await signIn(t.app, people.organiser!);
    const res = await b.submit('/admin/expenses/new', '/admin/expenses', {
      chapter: 'charleroi',
      incurredOn: '2026-03-04',
      supplierName: 'Drinks',
      amount: '12,505',
      vatRate: '21',
      category: 'activities',
      paidBy: 'organiser',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('ambiguous');
    expect(res.body).toContain('value="12,505"');
  });

  it('takes an expense from the form to paid', async () => {
    const organiser = await signIn(t.app, people.organiser!, { 'accept-language': 'fr' });
    const created = await organiser.submit('/admin/expenses/new', '/admin/expenses', {
      chapter: 'charleroi',
      incurredOn: '2026-03-04',
      supplierName: 'Drinks & Co',
      amount: '1.234,56',
      vatRate: '21',
      category: 'activities',
      paidBy: 'organiser',
      events: [eventId],
    });
    expect(created.statusCode, created.body).toBe(303);
    const url = created.headers.location!.split('?')[0]!;
    let page = await organiser.get(url);
    expect(page.body).toContain('1\u202f234,56\u00a0€');
    expect(page.body).toContain('Brouillon');
    const up = await organiser.upload(
      `${url}/receipts`,
      { _csrf: csrfOf(page.body) },
      {
        field: 'file',
        filename: 'ticket.pdf',
        content: pdf,
        type: 'application/pdf',
      },
    );
    expect(up.statusCode, up.body).toBe(303);
    page = await organiser.get(url);
    expect(page.body).toContain('ticket.pdf');
    const sub = await organiser.request('POST', `${url}/submit`, { _csrf: csrfOf(page.body) });
    expect(sub.statusCode).toBe(303);

    const treasurer = await signIn(t.app, people.treasurer!);
    const list = await treasurer.get('/admin/expenses?status=submitted');
    expect(list.body).toContain('Drinks &amp; Co');
    page = await treasurer.get(url);
    expect(page.body).toContain('Approve');
    expect((await treasurer.request('POST', `${url}/approve`, { _csrf: csrfOf(page.body) })).statusCode).toBe(303);
    page = await treasurer.get(url);
    expect((await treasurer.request('POST', `${url}/pay`, { _csrf: csrfOf(page.body) })).statusCode).toBe(303);
    page = await treasurer.get(url);
    expect(page.body).toContain('Paid');

    // The receipt is a download link on the page, served to who may read the expense only.
    const link = /href="(\/admin\/expenses\/[^"]+\/receipts\/[0-9a-f-]{36})"/.exec(page.body)?.[1];
    expect(link, 'receipt link on the expense page').toBeTruthy();
    const file = await treasurer.get(link!);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe('attachment; filename="ticket.pdf"');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const member = await t.user('member');
    const outsider = await signIn(t.app, { email: member.user.email, password: member.password });
    const refused = await outsider.get(link!);
    expect([403, 404]).toContain(refused.statusCode);
    expect(refused.body).not.toContain('%PDF');
    expect((await t.app.inject({ url: link! })).statusCode).toBe(303);
    const unknown = await treasurer.get(`${url}/receipts/00000000-0000-4000-8000-000000000000`);
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses a receipt that is not what it claims, on the page', async () => {
    const organiser = await signIn(t.app, people.organiser!);
    const created = await organiser.submit('/admin/expenses/new', '/admin/expenses', {
      chapter: 'charleroi',
      incurredOn: '2026-03-04',
      supplierName: 'Print shop',
      amount: '20',
      vatRate: '21',
      category: 'communication',
      paidBy: 'network',
    });
    const url = created.headers.location!.split('?')[0]!;
    const page = await organiser.get(url);
    const up = await organiser.upload(
      `${url}/receipts`,
      { _csrf: csrfOf(page.body) },
      {
        field: 'file',
        filename: 'flyer.pdf',
        content: 'just text',
        type: 'application/pdf',
      },
    );
    expect(up.statusCode).toBe(400);
    expect(up.body).toContain('flyer.pdf');
  });
});
