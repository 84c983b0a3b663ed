import fc from 'fast-check';
import { PDFParse } from 'pdf-parse';
import readXlsxFile from 'read-excel-file/node';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

/** The justification pack: the same totals to the cent in JSON, CSV, XLSX and PDF; receipts zipped as received. */

let t: TestApp;
let admin: string;
let approver: string;
let treasurerOfNamur: string;
let organiser: string;
const ids = {} as Record<string, string>;
const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const ok = async (method: 'POST' | 'GET', url: string, body?: unknown, token = admin) => {
  const res = await t.api(method, url, { token, body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};
/** An approved expense; `grant` charges that share to the grant. */
const approved = async (e: {
  chapter?: string;
  amountCents: number;
  category: string;
  day: string;
  grantCents?: number;
  event?: string;
  receipt?: boolean;
}) => {
  const x = await ok('POST', '/api/v1/expenses', {
    ...(e.chapter ? { chapter: e.chapter } : {}),
    incurredOn: e.day,
    supplierName: `Supplier ${e.amountCents}`,
    amountCents: e.amountCents,
    vatRate: 21,
    category: e.category,
    events: e.event ? [{ eventId: e.event }] : [],
    grants: e.grantCents !== undefined ? [{ grantId: ids.grant, amountCents: e.grantCents }] : [],
  });
  if (e.receipt)
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/expenses/${x.id}/receipts?name=r${e.amountCents}.pdf`,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/pdf' },
      payload: Buffer.concat([pdfBytes, Buffer.from(String(e.amountCents))]),
    });
  await ok('POST', `/api/v1/expenses/${x.id}/submit`);
  await ok('POST', `/api/v1/expenses/${x.id}/approve`, undefined, approver);
  return x.id as string;
};
const get = (url: string, token = admin) =>
  t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr' } });
const cents = (euros: number) => Math.round(euros * 100);

async function allForms(grantId: string, range = '') {
  const json = (await get(`/api/v1/grants/${grantId}/pack?format=json${range}`)).json();
  const csv = (await get(`/api/v1/grants/${grantId}/pack?format=csv${range}`)).body;
  const xlsx = (await get(`/api/v1/grants/${grantId}/pack?format=xlsx${range}`)).rawPayload;
  const pdf = (await get(`/api/v1/grants/${grantId}/pack?format=pdf${range}`)).rawPayload;
  const csvRows = csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .map((l) => l.split(','));
  const csvTotal = csvRows.find((r) => r[0] === 'total_eligible')!;
  const sheets = await readXlsxFile(xlsx);
  const summary = sheets[0]!.data;
  const valueIn = (label: string) => summary.find((r) => r[0] === label)?.[1] as number;
  const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;
  return { json, csvRows, csvTotal, sheets, valueIn, text };
}

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  approver = (await t.user('admin')).token;
  const org = await t.user('member');
  organiser = org.token;
  const tn = await t.user('member');
  treasurerOfNamur = tn.token;
  await ok('POST', '/api/v1/chapters', { name: 'Charleroi', slug: 'charleroi', city: 'Charleroi', status: 'active' });
  await ok('POST', '/api/v1/chapters', { name: 'Namur', slug: 'namur', city: 'Namur', status: 'active' });
  await ok('POST', '/api/v1/chapters/charleroi/organizers', { email: org.user.email });
  await ok('POST', '/api/v1/treasurers', { email: tn.user.email, chapter: 'namur' });
  ids.event = (
    await ok('POST', '/api/v1/chapters/charleroi/events', {
      title: 'IT day',
      startsAt: '2026-03-05T17:00:00Z',
      endsAt: '2026-03-05T20:00:00Z',
      capacity: 40,
      onlineUrl: 'https://meet.example.org/x',
    })
  ).id;
  ids.grant = (
    await ok('POST', '/api/v1/grants', {
      funder: 'Région de Bruxelles-Capitale',
      decisionRef: 'AR-2026-042',
      amountGrantedCents: 6_000_000,
      ratePercent: 50,
      eligibleCategories: ['activities', 'communication'],
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      justificationDeadline: '2027-03-31',
    })
  ).id;
  await approved({
    chapter: 'charleroi',
    amountCents: 3801,
    category: 'activities',
    day: '2026-03-04',
    grantCents: 1901,
    event: ids.event,
    receipt: true,
  });
  await approved({
    amountCents: 123_457,
    category: 'communication',
    day: '2026-06-30',
    grantCents: 61_728,
    receipt: true,
  });
  await approved({ amountCents: -2_500, category: 'communication', day: '2026-07-01', grantCents: -1_250 }); // a credit note
  await approved({ amountCents: 99_999, category: 'staff', day: '2026-07-01' }); // not eligible for this grant
  await approved({ amountCents: 5_000, category: 'activities', day: '2025-12-31' }); // before the period
});
afterAll(() => t.close());

describe('justification pack', () => {
  it('carries totalEligibleCents and claimableCents in JSON, with every line and the definitions', async () => {
    const pack = (await get(`/api/v1/grants/${ids.grant}/pack?format=json`)).json();
    expect(pack).toMatchObject({
      totalEligibleCents: 3801 + 123_457 - 2_500,
      chargedCents: 1901 + 61_728 - 1_250,
      claimableCents: Math.floor(((3801 + 123_457 - 2_500) * 5000) / 10_000),
    });
    expect(pack.lines).toHaveLength(3);
    expect(pack.categories.map((c: { code: string; amountCents: number }) => [c.code, c.amountCents])).toEqual([
      ['activities', 3801],
      ['communication', 120_957],
    ]);
    expect(pack.activity).toEqual([expect.objectContaining({ title: 'IT day', chapter: 'Charleroi' })]);
    expect(pack.definitions.length).toBeGreaterThan(10);
  });

  it('has the same totals to the cent in CSV, XLSX and PDF', async () => {
    const f = await allForms(ids.grant as string);
    const total = f.json.totalEligibleCents as number;
    expect(cents(Number(f.csvTotal[5]))).toBe(total);
    expect(f.csvRows.find((r) => r[0] === 'claimable')![5]).toBe('623.79');
    expect(f.csvRows.some((r) => r[5] === '-25.00')).toBe(true); // the credit note stays a number
    expect(f.sheets.map((s) => s.sheet)).toEqual([
      'Résumé',
      'Récapitulatif par catégorie',
      'Dépenses et justificatifs',
      'Activités',
      'Budget et réalisé',
      'Définitions',
    ]);
    expect(typeof f.valueIn('Total des dépenses éligibles')).toBe('number');
    expect(cents(f.valueIn('Total des dépenses éligibles'))).toBe(total);
    expect(cents(f.valueIn('Justifiable'))).toBe(f.json.claimableCents);
    const lines = f.sheets[2]!.data;
    expect(cents(lines.at(-1)![5] as number)).toBe(total);
    expect(f.text).toContain('1 247,58 €'); // 124 758 cents, as the PDF prints it in French
    expect(f.text).toContain('623,79 €');
    expect(f.text).toMatch(/Page 1 sur \d/);
  });

  it('zips the receipts byte for byte with the tables', async () => {
    const res = await get(`/api/v1/grants/${ids.grant}/pack?format=zip`);
    expect(res.headers['content-type']).toBe('application/zip');
    const names = await new Promise<string[]>((resolve, reject) =>
      yauzl.fromBuffer(res.rawPayload, { lazyEntries: false }, (err, zip) => {
        if (err) return reject(err);
        const out: string[] = [];
        zip.on('entry', (e: yauzl.Entry) => out.push(e.fileName));
        zip.on('end', () => resolve(out));
      }),
    );
    expect(names.filter((n) => n.startsWith('receipts/'))).toHaveLength(2);
    expect(names).toEqual(expect.arrayContaining(['pack.xlsx', 'pack.pdf', 'pack.csv']));
  });

  it('narrows to from..to, and refuses to those who may not see it', async () => {
    const june = (await get(`/api/v1/grants/${ids.grant}/pack?format=json&from=2026-06-01&to=2026-06-30`)).json();
    expect(june.totalEligibleCents).toBe(123_457);
    expect((await get(`/api/v1/grants/${ids.grant}/pack?format=json`, organiser)).statusCode).toBe(403);
    expect((await get(`/api/v1/grants/${ids.grant}/pack?format=json`, treasurerOfNamur)).statusCode).toBe(403);
    expect((await t.api('GET', `/api/v1/grants/${ids.grant}/pack`)).statusCode).toBe(401);
  });
});

describe('reconciliation (property)', () => {
  it('for random expenses and splits, totals reconcile per event, grant, year and across CSV/XLSX/JSON', async () => {
    const grant = (
      await ok('POST', '/api/v1/grants', {
        funder: 'Property',
        amountGrantedCents: 1_000_000,
        ratePercent: 37.5,
        eligibleCategories: ['equipment'],
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
      })
    ).id as string;
    const events: string[] = [];
    for (const day of ['2027-02-01', '2027-05-01', '2027-09-01']) {
      events.push(
        (
          await ok('POST', '/api/v1/chapters/charleroi/events', {
            title: `E ${day}`,
            startsAt: `${day}T17:00:00Z`,
            endsAt: `${day}T19:00:00Z`,
            capacity: 10,
            onlineUrl: 'https://meet.example.org/x',
          })
        ).id,
      );
    }
    let expectedEligible = 0;
    const perEvent = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -50_000, max: 500_000 }).filter((n) => n !== 0),
        fc.subarray(events, { minLength: 1 }),
        fc.integer({ min: 0, max: 100 }),
        async (amount, on, grantPct) => {
          const grantCents = Math.trunc((amount * grantPct) / 100);
          const x = await ok('POST', '/api/v1/expenses', {
            chapter: 'charleroi',
            incurredOn: '2027-06-15',
            supplierName: 'Random',
            amountCents: amount,
            vatRate: 6,
            category: 'equipment',
            events: on.map((eventId) => ({ eventId })),
            grants: grantCents !== 0 ? [{ grantId: grant, amountCents: grantCents }] : [],
          });
          // Shares add up exactly to the amount.
          expect(x.events.reduce((s: number, e: { amountCents: number }) => s + e.amountCents, 0)).toBe(amount);
          await ok('POST', `/api/v1/expenses/${x.id}/submit`);
          await ok('POST', `/api/v1/expenses/${x.id}/approve`, undefined, approver);
          expectedEligible += amount;
          for (const e of x.events as { eventId: string; amountCents: number }[])
            perEvent.set(e.eventId, (perEvent.get(e.eventId) ?? 0) + e.amountCents);
        },
      ),
      { numRuns: 12 },
    );
    const f = await allForms(grant);
    expect(f.json.totalEligibleCents).toBe(expectedEligible);
    expect(cents(Number(f.csvTotal[5]))).toBe(expectedEligible);
    expect(cents(f.valueIn('Total des dépenses éligibles'))).toBe(expectedEligible);
    expect(f.json.claimableCents).toBe(
      Math.min(1_000_000, Math.floor((Math.max(expectedEligible, 0) * 3750) / 10_000)),
    );
    const year = await ok('GET', '/api/v1/reports/network?year=2027');
    for (const [eventId, cost] of perEvent)
      expect((await ok('GET', `/api/v1/reports/events/${eventId}`)).costCents).toBe(cost);
    expect(year.totals.costCents).toBe([...perEvent.values()].reduce((a, b) => a + b, 0));
    expect(year.byMonth.reduce((s: number, m: { costCents: number }) => s + m.costCents, 0)).toBe(
      year.totals.costCents,
    );
    expect(year.byChapter.reduce((s: number, c: { costCents: number }) => s + c.costCents, 0)).toBe(
      year.totals.costCents,
    );
  });
});
