import { createUser, findUserByEmail, type User } from '../accounts/service.js';
import { centsToDecimal } from '../web/money.js';
import { addTreasurer, createGrant, saveBudget } from '../budgets/service.js';
import type { S3Settings } from '../config.js';
import type { Db } from '../db/connection.js';
import {
  addReceipt,
  approveExpense,
  clearExpenses,
  createExpense,
  payExpense,
  submitExpense,
} from '../expenses/service.js';
import { listEvents } from '../events/service.js';
import type { Network } from '../networks/service.js';
import { blobStoreFor } from '../storage/service.js';
import { clearMoney } from '../budgets/service.js';
import { listChapters } from '../chapters/service.js';
import { demoOrganizers } from './data.js';
import { isoDay } from '../events/format.js';

export const demoTreasurer = { email: 'tresorerie@example.org', name: 'Claire Tresorier' };
/** A second treasurer: above 100 EUR, the treasurer's own expenses are approved by someone else. */
export const demoCoTreasurer = { email: 'verification@example.org', name: 'Vincent Verhaegen' };

/** A one-page PDF receipt, as a supplier would send it. */
async function receiptPdf(supplier: string, day: string, cents: number, what: string): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A5', margin: 40 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(16).text(supplier).moveDown().fontSize(11).text(`Facture / Factuur – ${day}`).moveDown();
  doc
    .text(what)
    .moveDown()
    .fontSize(13)
    .text(`Total TVAC: ${centsToDecimal(cents).replace('.', ',')} EUR`);
  doc.end();
  return done;
}

const today = (now: Date) => isoDay(now);

/**
 * A year of money for the demo network: the Brussels-Region grant at 50 %, sponsors and own funds
 * in the budget, expenses of the past events (drinks, food, printing) with generated PDF
 * receipts, monthly network costs, some waiting for approval, reimbursements to organisers and a
 * volunteer allowance. Returns the number of expenses.
 */
export async function loadDemoMoney(
  db: Db,
  network: Network,
  opts: { dataDir?: string; s3?: S3Settings; now?: Date } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const year = Number(today(now).slice(0, 4));
  const treasurer =
    (await findUserByEmail(db, network.id, demoTreasurer.email)) ??
    (await createUser(db, network.id, { ...demoTreasurer, role: 'member' }));
  await addTreasurer(db, network, { email: treasurer.email });
  const coTreasurer =
    (await findUserByEmail(db, network.id, demoCoTreasurer.email)) ??
    (await createUser(db, network.id, { ...demoCoTreasurer, role: 'member' }));
  await addTreasurer(db, network, { email: coTreasurer.email });
  const organisers = new Map<string, User>();
  for (const o of demoOrganizers) {
    const u = await findUserByEmail(db, network.id, o.email);
    if (u) organisers.set(o.chapter.toLowerCase(), u);
  }
  const grant = await createGrant(db, network, {
    funder: 'Région de Bruxelles-Capitale',
    publicFunder: true,
    decisionRef: `AR-${year}-0427`,
    amountGrantedCents: 6_000_000,
    ratePercent: 50,
    eligibleCategories: ['rent', 'communication', 'administration', 'fees', 'activities', 'equipment'],
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    justificationDeadline: `${year + 1}-03-31`,
  });
  await saveBudget(db, network, {
    year,
    lines: [
      { kind: 'grant', grantId: grant.id, label: 'Subside Région bruxelloise', amountCents: 6_000_000 },
      { kind: 'sponsorship', label: 'Sponsors (3 entreprises)', amountCents: 2_000_000 },
      { kind: 'own_funds', label: 'Fonds propres et cotisations', amountCents: 4_000_000 },
      { kind: 'expense', category: 'staff', label: 'Coordination (mi-temps)', amountCents: 6_000_000 },
      { kind: 'expense', category: 'activities', label: 'IT days, meetups, déplacements', amountCents: 2_400_000 },
      { kind: 'expense', category: 'communication', label: 'Site, affiches, réception', amountCents: 1_200_000 },
      { kind: 'expense', category: 'rent', label: 'Salles hors partenaires', amountCents: 800_000 },
      { kind: 'expense', category: 'administration', label: 'Comptabilité, assurance', amountCents: 600_000 },
      { kind: 'expense', category: 'fees', label: 'Défraiements de volontaires', amountCents: 600_000 },
      { kind: 'expense', category: 'equipment', label: 'Micro, projecteur', amountCents: 400_000 },
    ],
  });
  const store = opts.dataDir ? blobStoreFor({ dataDir: opts.dataDir, s3: opts.s3 }) : undefined;
  const settings = { selfApprovalLimitCents: 10_000, baseUrl: '' };
  let count = 0;
  const record = async (
    by: User,
    input: Parameters<typeof createExpense>[3],
    end: 'draft' | 'submitted' | 'approved' | 'paid',
  ) => {
    const e = await createExpense(db, network, by, input);
    count++;
    if (store) {
      const bytes = await receiptPdf(input.supplierName, input.incurredOn, input.amountCents, input.description);
      await addReceipt(db, store, network, by, e.id, {
        bytes,
        name: `${input.supplierName} ${input.incurredOn}.pdf`,
        field: 'file',
      });
    }
    if (end === 'draft' || (input.paidBy === 'organiser' && !store)) return;
    await submitExpense(db, network, by, e.id, settings);
    if (end === 'submitted') return;
    await approveExpense(db, network, by.id === treasurer.id ? coTreasurer : treasurer, e.id, settings);
    if (end === 'paid') await payExpense(db, network, treasurer, e.id, undefined, settings);
  };

  // Costs of the past events of the year: drinks split over the event, food paid by an organiser.
  const past = (
    await listEvents(db, network, { from: new Date(`${year}-01-01T00:00:00Z`), to: now, limit: 100 })
  ).filter((e) => e.startsAt < now && e.status === 'published');
  for (const [i, e] of past.entries()) {
    const day = isoDay(e.startsAt);
    const chapter = await chapterSlugOf(db, network, e.chapterId);
    const organiser = organisers.get(chapter) ?? treasurer;
    const last = i === past.length - 1;
    await record(
      organiser,
      {
        chapter,
        incurredOn: day,
        supplierName: 'Brasserie du Coin',
        supplierVat: 'BE0456789123',
        amountCents: 3801 + i * 137,
        vatRate: 21,
        category: 'activities',
        description: `Boissons – ${e.title}`,
        paidBy: 'network',
        events: [{ eventId: e.id }],
        grants: [{ grantId: grant.id, amountCents: 3801 + i * 137 }],
      },
      last ? 'submitted' : 'paid',
    );
    await record(
      organiser,
      {
        chapter,
        incurredOn: day,
        supplierName: 'Pizzeria Napoli',
        amountCents: 12_450 + i * 50,
        vatRate: 6,
        category: 'activities',
        description: `Pizzas – ${e.title}`,
        paidBy: 'organiser',
        events: [{ eventId: e.id }],
        grants: [{ grantId: grant.id, amountCents: 12_450 + i * 50 }],
      },
      last ? 'submitted' : i % 2 ? 'approved' : 'paid',
    );
  }
  // The network's own running costs, month by month up to last month.
  const month = Number(today(now).slice(5, 7));
  for (let m = 1; m < month; m++) {
    const day = `${year}-${String(m).padStart(2, '0')}-05`;
    await record(
      treasurer,
      {
        incurredOn: day,
        supplierName: 'OVH',
        supplierVat: 'FR22424761419',
        amountCents: 2_499,
        vatRate: 21,
        category: 'communication',
        description: 'Hébergement du site',
        paidBy: 'network',
        events: [],
        grants: [{ grantId: grant.id, amountCents: 2_499 }],
      },
      'paid',
    );
    if (m % 3 === 0)
      await record(
        treasurer,
        {
          incurredOn: day,
          supplierName: 'Fiduciaire Dupont',
          amountCents: 36_300,
          vatRate: 21,
          category: 'administration',
          description: 'Comptabilité trimestrielle',
          paidBy: 'network',
          events: [],
          grants: [{ grantId: grant.id, amountCents: 18_150 }],
        },
        m === month - 1 ? 'submitted' : 'approved',
      );
  }
  // A credit note, and a volunteer allowance for an organiser.
  const charleroi = organisers.get('charleroi');
  if (charleroi && month > 1) {
    await record(
      treasurer,
      {
        incurredOn: `${year}-${String(month - 1).padStart(2, '0')}-20`,
        supplierName: 'Pizzeria Napoli',
        amountCents: -1_250,
        vatRate: 6,
        category: 'activities',
        description: 'Note de crédit : pizzas non livrées',
        paidBy: 'network',
        events: [],
        grants: [],
      },
      'approved',
    );
    await record(
      treasurer,
      {
        chapter: 'charleroi',
        incurredOn: `${year}-${String(month - 1).padStart(2, '0')}-12`,
        supplierName: 'Adrien Dubois',
        amountCents: 3_500,
        vatRate: 0,
        category: 'fees',
        description: 'Défraiement de volontaire (IT day)',
        paidBy: 'network',
        volunteer: charleroi.id,
        events: [],
        grants: [],
      },
      'paid',
    );
  }
  return count;
}

async function chapterSlugOf(db: Db, network: Network, chapterId: string): Promise<string> {
  return (await listChapters(db, network, { limit: 100 })).find((c) => c.id === chapterId)!.slug;
}

/** Before `essaim demo --force` replaces the chapters: their expenses, then budgets and grants. */
export async function clearDemoMoney(db: Db, network: Network): Promise<void> {
  await clearExpenses(db, network);
  await clearMoney(db, network);
}
