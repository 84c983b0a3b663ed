import { formatEur, formatRate } from '../web/money.js';
import { translator } from '../web/i18n.js';
import type { Pack } from './pack.js';

/** PDF's standard fonts know no narrow no-break space: amounts use plain spaces there. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

// Loaded on first use: pdfkit and its fonts weigh ~20 MB of a server's memory that most never need.
const loadPdfKit = () => import('pdfkit').then((m) => m.default);

/** The pack as an A4 PDF in the pack's language, with page numbers and totals. */
export async function packPdf(pack: Pack): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const t = translator(pack.locale);
  const money = (c: number) => plain(formatEur(c, pack.locale));
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    bufferPages: true,
    info: { Title: `${t('pack.title')} – ${pack.grant.funder}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const g = pack.grant;
  const heading = (s: string) =>
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(s).moveDown(0.3).font('Helvetica').fontSize(9);
  const row = (cells: string[], widths: number[], bold = false) => {
    const y = doc.y;
    if (y > 760) doc.addPage();
    const top = doc.y;
    let x = 50;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    let bottom = top;
    cells.forEach((c, i) => {
      const right = i > 0 && /^-?[\d ,.]+\s?€$|^€/.test(c.trim());
      doc.text(c, x, top, { width: widths[i]! - 6, align: right ? 'right' : 'left' });
      bottom = Math.max(bottom, doc.y);
      x += widths[i]!;
    });
    doc.x = 50;
    doc.y = bottom + 2;
  };

  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(`${t('pack.title')} – ${g.funder}`);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(t('pack.generated', { date: pack.generatedAt.slice(0, 10) }));
  heading(t('pack.summary'));
  const sw = [220, 275];
  row([t('pack.decision'), g.decisionRef || '—'], sw);
  row([t('pack.period'), `${pack.from} – ${pack.to}`], sw);
  row([t('pack.granted'), money(g.amountGrantedCents)], sw);
  row([t('pack.rate'), plain(formatRate(g.rateBp, pack.locale))], sw);
  row([t('pack.eligible'), money(pack.totalEligibleCents)], sw, true);
  row([t('pack.charged'), money(pack.chargedCents)], sw, true);
  row([t('pack.claimable'), money(pack.claimableCents)], sw, true);
  row(
    [
      t('pack.rateReached'),
      pack.rateReached === null ? '—' : plain(formatRate(Math.round(pack.rateReached * 10_000), pack.locale)),
    ],
    sw,
  );

  heading(t('pack.categories'));
  const cw = [255, 60, 90, 90];
  row([t('pack.category'), t('pack.lineCount'), t('pack.amount'), t('pack.charged')], cw, true);
  for (const c of pack.categories) row([c.label, String(c.lines), money(c.amountCents), money(c.chargedCents)], cw);
  row([t('pack.total'), String(pack.lines.length), money(pack.totalEligibleCents), money(pack.chargedCents)], cw, true);

  heading(t('pack.lines'));
  const lw = [60, 120, 150, 80, 85];
  row([t('pack.date'), t('pack.supplier'), t('pack.description'), t('pack.amount'), t('pack.charged')], lw, true);
  if (pack.lines.length === 0) doc.text(t('pack.none'));
  for (const l of pack.lines)
    row(
      [
        l.date,
        `${l.supplier}${l.supplierVat ? ` (${l.supplierVat})` : ''}`,
        `${l.categoryLabel}${l.description ? ` – ${l.description}` : ''}${l.receipts.length ? ` [${l.receipts.map((r) => r.name).join(', ')}]` : ''}`,
        money(l.amountCents),
        money(l.chargedCents),
      ],
      lw,
    );
  row([t('pack.total'), '', '', money(pack.totalEligibleCents), money(pack.chargedCents)], lw, true);

  heading(t('pack.activity'));
  const aw = [60, 175, 90, 110, 30, 30];
  row([t('pack.date'), t('pack.event'), t('pack.chapter'), t('pack.venue'), '', ''], aw, true);
  for (const a of pack.activity)
    row([a.date, a.title, a.chapter, a.venue, String(a.registered), String(a.attended)], aw);

  heading(t('pack.budget'));
  const bw = [275, 110, 110];
  row([t('pack.category'), t('pack.planned'), t('pack.actual')], bw, true);
  for (const b of pack.budgetVsActual) row([b.label, money(b.plannedCents), money(b.actualCents)], bw);

  heading(t('pack.definitions'));
  for (const d of pack.definitions) doc.text(d.text, { width: 495 }).moveDown(0.2);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(t('pack.page', { page: i + 1, pages: range.count }), 50, 800, {
        width: 495,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
