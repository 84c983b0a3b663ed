import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

/**
 * Deleting an account that is owed money (GDPR art. 17). While the network still owes the person a
 * reimbursement or an allowance, nobody could pay them once the account is gone: the deletion is
 * refused with a 409 naming what to settle first, and nothing changes. Once settled (paid or
 * rejected), the account goes and the expense stays — the accounts must keep their money trail
 * (art. 17(3)(b), bookkeeping law) — with the payee anonymised.
 */

type Who = { token: string; id: string; email: string };
let t: TestApp;
let admin: Who;
let treasurer: Who;
let eventId: string;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const who = async (role: 'admin' | 'member' = 'member'): Promise<Who> => {
  const u = await t.user(role);
  return { token: u.token, id: u.user.id, email: u.user.email };
};
const ok = async (method: 'POST' | 'GET' | 'DELETE', url: string, body?: unknown, token = admin.token) => {
  const res = await t.api(method, url, { token, body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.statusCode === 204 ? null : res.json();
};
const row = async (id: string) =>
  (
    await t.database.pool.query(
      `SELECT status, paid_by, reimburse_user_id, payee_erased_at, amount_cents::int AS amount FROM expenses WHERE id = $1`,
      [id],
    )
  ).rows[0];

/** An organiser of the chapter who paid 38.01 EUR out of pocket, with the receipt, and submitted it. */
async function claim() {
  const organiser = await who();
  await ok('POST', '/api/v1/chapters/charleroi/organizers', { email: organiser.email });
  const e = await ok(
    'POST',
    '/api/v1/expenses',
    {
      chapter: 'charleroi',
      incurredOn: '2026-03-04',
      supplierName: 'Drinks & Co',
      amountCents: 3801,
      vatRate: 21,
      category: 'activities',
      description: 'A crate of drinks',
      paidBy: 'organiser',
      events: [{ eventId }],
    },
    organiser.token,
  );
  const receipt = await t.app.inject({
    method: 'POST',
    url: `/api/v1/expenses/${e.id}/receipts?name=ticket.pdf`,
    headers: { authorization: `Bearer ${organiser.token}`, 'content-type': 'application/pdf' },
    payload: pdf,
  });
  expect(receipt.statusCode, receipt.body).toBe(201);
  await ok('POST', `/api/v1/expenses/${e.id}/submit`, undefined, organiser.token);
  return { organiser, expenseId: e.id as string };
}
const deleteMe = (w: Who) => t.api('DELETE', '/api/v1/me', { token: w.token, body: { confirm: w.email } });
const accountExists = async (id: string) =>
  (await t.database.pool.query(`SELECT 1 FROM users WHERE id = $1`, [id])).rowCount === 1;

beforeAll(async () => {
  t = await startTestApp();
  [admin, treasurer] = [await who('admin'), await who()];
  await ok('POST', '/api/v1/chapters', { name: 'Charleroi', slug: 'charleroi', city: 'Charleroi', status: 'active' });
  await ok('POST', '/api/v1/treasurers', { email: treasurer.email });
  eventId = (
    await ok('POST', '/api/v1/chapters/charleroi/events', {
      title: 'IT day',
      startsAt: '2026-03-05T17:00:00Z',
      endsAt: '2026-03-05T20:00:00Z',
      capacity: 40,
      onlineUrl: 'https://meet.example.org/it',
    })
  ).id;
});
afterAll(() => t.close());

describe('deleting an account that is owed a reimbursement', () => {
  it('is refused while the reimbursement is submitted, then approved: a 409 naming it, nothing changed', async () => {
    const { organiser, expenseId } = await claim();
    const before = await row(expenseId);
    const res = await deleteMe(organiser);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toContain('Drinks & Co');
    expect(res.json().detail).toContain('38.01');
    expect(await accountExists(organiser.id)).toBe(true);
    expect(await row(expenseId)).toEqual(before);

    await ok('POST', `/api/v1/expenses/${expenseId}/approve`, undefined, treasurer.token);
    // An admin deleting the member meets the same rule, in the reader's language.
    const byAdmin = await t.api('DELETE', `/api/v1/members/${organiser.id}`, {
      token: admin.token,
      headers: { 'accept-language': 'fr' },
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(409);
    expect(byAdmin.json().detail).toContain('Drinks & Co');
    expect(byAdmin.json().detail).toMatch(/rembours/);
    expect(await accountExists(organiser.id)).toBe(true);
    expect((await row(expenseId)).status).toBe('approved');
  });

  it('goes through once paid: the expense stays, its payee anonymised, its amount intact', async () => {
    const { organiser, expenseId } = await claim();
    await ok('POST', `/api/v1/expenses/${expenseId}/approve`, undefined, treasurer.token);
    await ok('POST', `/api/v1/expenses/${expenseId}/pay`, { paidOn: '2026-03-20' }, treasurer.token);
    const res = await deleteMe(organiser);
    expect(res.statusCode, res.body).toBe(204);
    expect(await accountExists(organiser.id)).toBe(false);
    const kept = await row(expenseId);
    expect(kept).toMatchObject({ status: 'paid', paid_by: 'organiser', reimburse_user_id: null, amount: 3801 });
    expect(kept.payee_erased_at).toBeInstanceOf(Date);
    // The treasurer still reads it, the payee shown as erased.
    const seen = await ok('GET', `/api/v1/expenses/${expenseId}`, undefined, treasurer.token);
    expect(seen).toMatchObject({ status: 'paid', amountCents: 3801, reimburseTo: null, payeeErased: true });
  });

  it('goes through once rejected, the line kept for the record', async () => {
    const { organiser, expenseId } = await claim();
    await ok('POST', `/api/v1/expenses/${expenseId}/reject`, { reason: 'Not ours' }, treasurer.token);
    expect((await deleteMe(organiser)).statusCode).toBe(204);
    expect(await row(expenseId)).toMatchObject({ status: 'rejected', reimburse_user_id: null, amount: 3801 });
  });

  it('puts the expenses a person claimed or was paid in their data export', async () => {
    const { organiser, expenseId } = await claim();
    const data = await ok('GET', '/api/v1/me/export', undefined, organiser.token);
    expect(data.expenses).toEqual([
      expect.objectContaining({ id: expenseId, supplierName: 'Drinks & Co', amountCents: 3801, status: 'submitted' }),
    ]);
  });
});
