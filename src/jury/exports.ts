import type { stageResults } from './decisions.js';

type R = Awaited<ReturnType<typeof stageResults>>;

/**
 * The deliberation report as rows: criteria, scores, ranks, conflicts, decisions and reasons.
 * Anonymised, it keeps only what can be published: rank, scores, selection, amount.
 */
export function reportRows(r: R, anonymised: boolean) {
  const criteria = r.call.rules.criteria;
  const header = [
    'rank',
    ...(anonymised ? ['ref'] : ['submission', 'title', 'applicant', 'email', 'organisation']),
    'reviews',
    'abstentions',
    'raw_mean',
    'normalised',
    ...criteria.flatMap((c) => [`${c.key}_mean${c.independent ? '_independent' : ''}`, `${c.key}_median`]),
    'spread',
    'controversial',
    'tied',
    'selected',
    'amount_eur',
    'funded_order',
    ...(anonymised ? [] : ['soft_conflicts', 'hard_conflicts', 'decision', 'reason']),
  ];
  const rows = r.results.items.map((x) => {
    const s = r.subs.find((y) => y.id === x.submissionId)!;
    const d = r.decisions.find((y) => y.submissionId === x.submissionId);
    const c = r.conflicts.filter((y) => y.submissionId === x.submissionId);
    const crit = (k: string) => x.perCriterion[k] ?? x.independent[k] ?? { mean: null, median: null };
    return [
      x.rank,
      ...(anonymised ? [`#${x.rank}`] : [s.id, s.title, s.applicantName, s.applicantEmail, s.organisation]),
      x.reviewCount,
      x.abstentions,
      x.rawMean,
      x.normalisedScore,
      ...criteria.flatMap((k) => [crit(k.key).mean, crit(k.key).median]),
      x.spread,
      x.controversial ? 'yes' : 'no',
      x.tied ? 'yes' : 'no',
      x.selected ? 'yes' : 'no',
      x.amountCents === null ? null : x.amountCents / 100,
      x.fundedOrder,
      ...(anonymised
        ? []
        : [
            c.filter((y) => y.level === 'soft').length,
            c.filter((y) => y.level === 'hard').length,
            d ? `${d.outcome} (${d.status})` : '',
            d?.reason ?? '',
          ]),
    ] as (string | number | null)[];
  });
  return { header, rows };
}

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[";\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Semicolon-separated with a BOM: what a Belgian spreadsheet opens without asking. */
export function reportCsv(r: R, anonymised: boolean): string {
  const { header, rows } = reportRows(r, anonymised);
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

// Loaded on first use: exceljs and its dependencies weigh ~25 MB of a server's memory that most never need.
const loadExcel = () => import('exceljs').then((m) => m.default);
// Loaded on first use: pdfkit and its fonts weigh ~20 MB of a server's memory that most never need.
const loadPdfKit = () => import('pdfkit').then((m) => m.default);

export async function reportXlsx(r: R, anonymised: boolean): Promise<Buffer> {
  const { header, rows } = reportRows(r, anonymised);
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Deliberation');
  ws.addRow(header).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  if (!anonymised) {
    const cf = wb.addWorksheet('Conflicts');
    cf.addRow(['juror', 'submission', 'level', 'source', 'reason']).font = { bold: true };
    const names = new Map(r.jurors.map((j) => [j.id, j.userId ? j.name : 'former juror']));
    for (const c of r.conflicts)
      cf.addRow([names.get(c.jurorId) ?? c.jurorId, c.submissionId, c.level, c.source, c.reason]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function reportPdf(r: R, anonymised: boolean): Promise<Buffer> {
  const { header, rows } = reportRows(r, anonymised);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: { Title: `Deliberation ${r.call.slug}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((ok) => doc.on('end', () => ok()));
  doc.fontSize(14).text(`${r.call.title.en} — ${r.stage.name}`);
  doc.fontSize(8).moveDown();
  const pick = [
    'rank',
    anonymised ? 'ref' : 'title',
    'reviews',
    'raw_mean',
    'normalised',
    'spread',
    'selected',
    'amount_eur',
  ];
  const idx = pick.map((p) => header.indexOf(p));
  doc.text(pick.join(' | '));
  for (const row of rows) doc.text(idx.map((i) => (row[i] === null ? '—' : String(row[i]))).join(' | '));
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
