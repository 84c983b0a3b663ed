import type { FastifyReply } from 'fastify';
import { findGrant, moneyScope } from '../budgets/service.js';
import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import type { BlobStore } from '../storage/service.js';
import type { User } from '../accounts/service.js';
import type { Locale } from '../web/i18n.js';
import { authorize } from '../web/policy.js';
import { packCsv } from './csv.js';
import { buildPack, type Pack } from './pack.js';
import { packPdf } from './pdf.js';
import { packXlsx } from './xlsx.js';
import { packZip } from './zip.js';

export const packFormats = ['xlsx', 'pdf', 'csv', 'json', 'zip'] as const;
export type PackFormat = (typeof packFormats)[number];
export { buildPack, type Pack } from './pack.js';

/** Admins and network treasurers; a chapter's treasurers for that chapter's grants. */
export async function authorizePack(db: Tx, network: Network, actor: User | null, grantId: string) {
  const grant = await findGrant(db, network, grantId);
  const scope = await moneyScope(db, network, actor);
  authorize(
    actor,
    scope.all || (grant.chapterId !== null && scope.treasurerOf.has(grant.chapterId)),
    "export this grant's justification pack",
  );
  return grant;
}

const types: Record<Exclude<PackFormat, 'json'>, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
};

/** Builds the pack once and writes it in the asked format (zip: receipts with the three tables). */
export async function sendPack(
  db: Tx,
  store: BlobStore,
  network: Network,
  reply: FastifyReply,
  grantId: string,
  opts: { format: PackFormat; from?: string; to?: string; locale: Locale },
) {
  const pack = await buildPack(db, network, grantId, opts, opts.locale);
  if (opts.format === 'json') return reply.type('application/json').send(pack);
  const name = `${pack.grant.funder}-${pack.from}-${pack.to}`.replace(/[^\w.-]+/g, '_');
  const body = await render(pack, opts.format, store);
  return reply
    .type(types[opts.format])
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename="${name}.${opts.format}"`)
    .send(body);
}

async function render(pack: Pack, format: Exclude<PackFormat, 'json'>, store: BlobStore): Promise<Buffer | string> {
  if (format === 'xlsx') return packXlsx(pack);
  if (format === 'pdf') return packPdf(pack);
  if (format === 'csv') return packCsv(pack);
  return packZip(pack, store, [
    { name: 'pack.xlsx', bytes: await packXlsx(pack) },
    { name: 'pack.pdf', bytes: await packPdf(pack) },
    { name: 'pack.csv', bytes: packCsv(pack) },
  ]);
}
