import { centsToDecimal } from '../web/money.js';
import { csvDocument } from '../web/csv.js';
import type { Pack } from './pack.js';

/**
 * The pack's expense lines as CSV (RFC 4180, UTF-8 with BOM): amounts in euros with a decimal
 * point (numbers stay numbers, negative ones too), then the totals and the definitions.
 */
export function packCsv(pack: Pack): string {
  const rows: (string | number)[][] = [
    ['date', 'supplier', 'vat_number', 'category', 'description', 'amount_eur', 'vat_rate', 'charged_eur', 'receipts'],
    ...pack.lines.map((l) => [
      l.date,
      l.supplier,
      l.supplierVat ?? '',
      l.category,
      l.description,
      centsToDecimal(l.amountCents),
      l.vatRate,
      centsToDecimal(l.chargedCents),
      l.receipts.map((r) => `${r.name} sha256:${r.sha256}`).join('; '),
    ]),
    [
      'total_eligible',
      '',
      '',
      '',
      '',
      centsToDecimal(pack.totalEligibleCents),
      '',
      centsToDecimal(pack.chargedCents),
      '',
    ],
    ['claimable', '', '', '', '', centsToDecimal(pack.claimableCents), '', '', ''],
    ['amount_granted', '', '', '', '', centsToDecimal(pack.grant.amountGrantedCents), '', '', ''],
    ...pack.definitions.map((d) => [`definition:${d.key}`, d.text]),
  ];
  return csvDocument(rows);
}
