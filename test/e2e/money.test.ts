import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * A treasurer's year in a real browser: record the Region's grant, set the network's budget with
 * it, record an expense and its receipt, submit and approve it, read budget vs actual on today's
 * date, and download the grant's justification pack. Every page on the way is checked with axe-core.
 */

const ADMIN = { email: 'treasurer@example.org', password: 'correct horse battery' };
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Brussels' }).format(new Date());
const year = today.slice(0, 4);

let walk: Walk;
beforeAll(async () => {
  walk = await startWalk('e2e-money', { ESSAIM_ADMIN_EMAIL: ADMIN.email, ESSAIM_ADMIN_PASSWORD: ADMIN.password });
}, 120_000);
afterAll(() => walk?.close(), 120_000);

describe('budget, expense, receipt, budget vs actual, justification pack', () => {
  it('goes from a grant to its justification pack through the pages', { timeout: 180_000 }, async () => {
    const page = await walk.page({ locale: 'en-GB', acceptDownloads: true });
    await walk.visit(page, '/login');
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await walk.submit(page, page.getByRole('button', { name: 'Sign in' }), /\/admin$/);

    // The grant: 10,000 EUR at 50 % of eligible activity costs, this year.
    await page.getByRole('link', { name: 'Grants', exact: true }).first().click();
    await page.waitForURL(/\/admin\/grants$/);
    await walk.audit(page);
    expect(await page.getByText('No grant recorded yet.').count()).toBe(1);
    await page.getByLabel('Funder', { exact: true }).fill('Brussels-Capital Region');
    await page.getByLabel('Decision reference', { exact: true }).fill('AR-E2E');
    await page.getByLabel('Amount granted (EUR)', { exact: true }).fill('10.000,00');
    await page.getByLabel('Co-financing rate (% of eligible costs)', { exact: true }).fill('50');
    await page.getByLabel('Activity costs (incl. food for meetings and travel)', { exact: true }).check();
    await page.getByLabel('Period from', { exact: true }).fill(`${year}-01-01`);
    await page.getByLabel('Period to', { exact: true }).fill(`${year}-12-31`);
    await walk.submit(page, 'Save the grant', /\/admin\/grants\?done=saved$/);
    expect(await page.getByRole('cell', { name: '€10,000.00' }).count()).toBe(1);

    // The network's budget: the grant as income, 2,000 EUR of planned activity costs.
    await walk.visit(page, `/admin/budgets?year=${year}`);
    await page.getByRole('link', { name: `Edit the budget of The whole network, ${year}` }).click();
    await page.waitForURL(new RegExp(`/admin/budgets/${year}/network$`));
    await walk.audit(page);
    await page.getByLabel('Line 1 · Kind', { exact: true }).selectOption('grant');
    await page.getByLabel('Line 1 · Grant', { exact: true }).selectOption({ label: 'Brussels-Capital Region AR-E2E' });
    await page.getByLabel('Line 1 · Amount (EUR)', { exact: true }).fill('10.000,00');
    await page.getByLabel('Line 2 · Kind', { exact: true }).selectOption('expense');
    await page.getByLabel('Line 2 · Category', { exact: true }).selectOption('activities');
    await page.getByLabel('Line 2 · Label', { exact: true }).fill('IT days');
    await page.getByLabel('Line 2 · Amount (EUR)', { exact: true }).fill('2000');
    await walk.submit(page, 'Save the budget', new RegExp(`/admin/budgets\\?year=${year}&done=saved$`));
    expect(await page.getByRole('cell', { name: '€2,000.00' }).count()).toBe(1);

    // An expense of the network, charged to the grant, with its receipt; submitted and approved.
    await walk.visit(page, '/admin/expenses/new');
    await page.getByLabel('Date', { exact: true }).fill(today);
    await page.getByLabel('Supplier', { exact: true }).fill('Drinks & Co');
    await page.getByLabel('Amount (VAT incl.)', { exact: true }).fill('38,01');
    await page.getByLabel('Category', { exact: true }).selectOption('activities');
    await page.getByLabel('Charged to grant', { exact: true }).selectOption({ index: 1 });
    await walk.submit(page, 'Save as draft', /\/admin\/expenses\/[0-9a-f-]{36}\?done=created$/);
    await page
      .getByLabel('Add a receipt (PDF, JPEG or PNG, at most 10 MB)')
      .setInputFiles({ name: 'ticket.pdf', mimeType: 'application/pdf', buffer: pdf });
    await walk.submit(page, 'Upload', /\?done=added$/);
    expect(await page.getByRole('link', { name: 'ticket.pdf' }).count()).toBe(1);
    await walk.submit(page, 'Submit for approval', /\?done=saved$/);
    await walk.submit(page, 'Approve', /\?done=saved$/);
    expect(await page.getByText('Approved', { exact: true }).count()).toBeGreaterThan(0);

    // The receipt downloads as it was sent.
    const [receipt] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'ticket.pdf' }).click(),
    ]);
    expect(receipt.suggestedFilename()).toBe('ticket.pdf');

    // Budget vs actual today: 38.01 spent of the 2,000 planned, charged to the grant.
    await walk.visit(page, `/admin/budgets/actual?at=${today}`);
    const category = page.locator('#by-category tbody tr', { hasText: 'Activity costs' });
    expect(await category.locator('td').allTextContents()).toEqual(['€2,000.00', '€38.01', '€0.00', '€1,961.99']);
    const grant = page.locator('#by-grant tbody tr', { hasText: 'AR-E2E' });
    expect(await grant.locator('td').allTextContents()).toEqual(['€10,000.00', '€38.01', '€9,961.99']);

    // The justification pack from the reports page: CSV totals to the cent, and a PDF.
    await walk.visit(page, `/admin/reports?year=${year}`);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
    const text = Buffer.concat(await streamChunks(await csv.createReadStream())).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toMatch(/total_eligible[^\n]*38\.01/);
    expect(text).toMatch(/claimable[^\n]*19\.00/);
    const [pdfPack] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'PDF' }).click(),
    ]);
    const bytes = Buffer.concat(await streamChunks(await pdfPack.createReadStream()));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { PDFParse } = await import('pdf-parse');
    const parsed = await new PDFParse({ data: new Uint8Array(bytes) }).getText();
    expect(parsed.text).toContain('AR-E2E');
    expect(parsed.text).toMatch(/38[.,]01/);
  });
});

async function streamChunks(stream: NodeJS.ReadableStream): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return chunks;
}
