import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { previousMonth, queueMonthlyExports } from './monthly.js';

/** The monthly export to treasurers: once per month, only the lines each may see. */

let t: TestApp;
let admin: string;
const emails: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  const post = async (url: string, body: unknown) => {
    const res = await t.api('POST', url, { token: admin, body });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  for (const slug of ['charleroi', 'namur'])
    await post('/api/v1/chapters', { name: slug, slug, city: slug, status: 'active' });
  for (const who of ['network', 'namur']) {
    const u = await t.user('member');
    emails[who] = u.user.email;
    await post('/api/v1/treasurers', { email: u.user.email, ...(who === 'namur' ? { chapter: 'namur' } : {}) });
  }
  for (const [chapter, amount] of [
    ['charleroi', 1234],
    ['namur', -2500],
    ['namur', 700],
  ] as const)
    await post('/api/v1/expenses', {
      chapter,
      incurredOn: '2026-10-15',
      supplierName: `S ${chapter}`,
      amountCents: amount,
      vatRate: 21,
      category: 'activities',
    });
  await post('/api/v1/expenses', {
    chapter: 'charleroi',
    incurredOn: '2026-09-30',
    supplierName: 'Too early',
    amountCents: 1,
    vatRate: 0,
    category: 'activities',
  });
});
afterAll(() => t.close());

describe('monthly export', () => {
  it('takes the previous month on Brussels clocks', () => {
    expect(previousMonth(new Date('2026-11-01T10:00:00Z'))).toBe('2026-10');
    expect(previousMonth(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12'); // already 1 January in Brussels
    expect(previousMonth(new Date('2026-01-05T10:00:00Z'))).toBe('2025-12');
  });

  it('mails each treasurer the lines of their scope, once', async () => {
    const now = new Date('2026-11-01T08:00:00Z');
    expect(await queueMonthlyExports(t.database.db, now)).toBe(2);
    expect(await queueMonthlyExports(t.database.db, now)).toBe(0);
    const rows = (
      await t.database.pool.query<{ to_email: string; attachments: { content: string; filename: string }[] }>(
        `SELECT to_email, attachments FROM outbound_messages WHERE kind = 'money.monthly'`,
      )
    ).rows;
    expect(rows).toHaveLength(2);
    const csvOf = (email: string) => rows.find((r) => r.to_email === email)!.attachments[0]!.content;
    const network = csvOf(emails.network!).trim().split('\r\n');
    expect(network).toHaveLength(4); // header + three October lines, not September's
    const namur = csvOf(emails.namur!);
    expect(namur).not.toContain('charleroi');
    expect(namur).toContain(',-25.00,'); // a credit note stays a number
  });
});
