import { translator } from '../web/i18n.js';
import type { Pack } from './pack.js';

const EUR = '#,##0.00 [$€-x-euro2];-#,##0.00 [$€-x-euro2]';
const PERCENT = '0.00%';
/** Cents as a spreadsheet number of euros: exact for any amount a budget holds (2 decimals). */
const eur = (cents: number) => cents / 100;

// Loaded on first use: exceljs and its dependencies weigh ~25 MB of a server's memory that most never need.
const loadExcel = () => import('exceljs').then((m) => m.default);

/** The pack as a workbook: one sheet per table, amounts as numbers with a euro format, totals as numbers. */
export async function packXlsx(pack: Pack): Promise<Buffer> {
  const t = translator(pack.locale);
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Essaim';
  wb.created = new Date(pack.generatedAt);
  const sheet = (
    name: string,
    columns: { header: string; key: string; width: number; money?: boolean; pct?: boolean }[],
  ) => {
    const ws = wb.addWorksheet(name.slice(0, 31));
    ws.columns = columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      style: c.money ? { numFmt: EUR } : c.pct ? { numFmt: PERCENT } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return ws;
  };

  const summary = sheet(t('pack.summary'), [
    { header: t('pack.summary'), key: 'k', width: 34 },
    { header: '', key: 'v', width: 28 },
  ]);
  const g = pack.grant;
  summary.addRows([
    [t('pack.funder'), g.funder],
    [t('pack.decision'), g.decisionRef],
    [t('pack.period'), `${pack.from} – ${pack.to}`],
    [t('pack.granted'), eur(g.amountGrantedCents)],
    [t('pack.rate'), g.rateBp / 10_000],
    [t('pack.eligible'), eur(pack.totalEligibleCents)],
    [t('pack.charged'), eur(pack.chargedCents)],
    [t('pack.claimable'), eur(pack.claimableCents)],
    [t('pack.rateReached'), pack.rateReached ?? ''],
  ]);
  for (const r of [5, 7, 8, 9]) summary.getCell(`B${r}`).numFmt = EUR;
  for (const r of [6, 10]) summary.getCell(`B${r}`).numFmt = PERCENT;

  const cats = sheet(t('pack.categories'), [
    { header: t('pack.category'), key: 'label', width: 48 },
    { header: t('pack.lineCount'), key: 'lines', width: 10 },
    { header: t('pack.amount'), key: 'amount', width: 18, money: true },
    { header: t('pack.charged'), key: 'charged', width: 18, money: true },
  ]);
  for (const c of pack.categories)
    cats.addRow({ label: c.label, lines: c.lines, amount: eur(c.amountCents), charged: eur(c.chargedCents) });
  cats.addRow({
    label: t('pack.total'),
    lines: pack.lines.length,
    amount: eur(pack.totalEligibleCents),
    charged: eur(pack.chargedCents),
  }).font = { bold: true };

  const lines = sheet(t('pack.lines'), [
    { header: t('pack.date'), key: 'date', width: 12 },
    { header: t('pack.supplier'), key: 'supplier', width: 28 },
    { header: t('pack.vatNumber'), key: 'vat', width: 16 },
    { header: t('pack.category'), key: 'category', width: 16 },
    { header: t('pack.description'), key: 'description', width: 40 },
    { header: t('pack.amount'), key: 'amount', width: 16, money: true },
    { header: t('pack.vatRate'), key: 'rate', width: 10, pct: true },
    { header: t('pack.charged'), key: 'charged', width: 16, money: true },
    { header: t('pack.receipts'), key: 'receipts', width: 60 },
  ]);
  for (const l of pack.lines)
    lines.addRow({
      date: l.date,
      supplier: l.supplier,
      vat: l.supplierVat ?? '',
      category: l.category,
      description: l.description,
      amount: eur(l.amountCents),
      rate: l.vatRate / 100,
      charged: eur(l.chargedCents),
      receipts: l.receipts.map((r) => `${r.name} (SHA-256 ${r.sha256})`).join('; '),
    });
  lines.addRow({ date: t('pack.total'), amount: eur(pack.totalEligibleCents), charged: eur(pack.chargedCents) }).font =
    { bold: true };

  const activity = sheet(t('pack.activity'), [
    { header: t('pack.date'), key: 'date', width: 12 },
    { header: t('pack.event'), key: 'title', width: 40 },
    { header: t('pack.chapter'), key: 'chapter', width: 18 },
    { header: t('pack.venue'), key: 'venue', width: 24 },
    { header: t('pack.registered'), key: 'registered', width: 12 },
    { header: t('pack.attended'), key: 'attended', width: 12 },
  ]);
  for (const a of pack.activity) activity.addRow(a);

  const budget = sheet(t('pack.budget'), [
    { header: t('pack.category'), key: 'label', width: 48 },
    { header: t('pack.planned'), key: 'planned', width: 18, money: true },
    { header: t('pack.actual'), key: 'actual', width: 18, money: true },
  ]);
  for (const b of pack.budgetVsActual)
    budget.addRow({ label: b.label, planned: eur(b.plannedCents), actual: eur(b.actualCents) });

  const defs = sheet(t('pack.definitions'), [{ header: t('pack.definitions'), key: 'text', width: 120 }]);
  for (const d of pack.definitions) defs.addRow({ text: d.text });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
