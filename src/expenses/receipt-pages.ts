import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connection.js';
import type { BlobStore } from '../storage/service.js';
import { authorize } from '../web/policy.js';
import { openReceipt } from './receipts.js';

/** A receipt's file from the expense page: the same authorisation as the API (openReceipt decides). */
export function receiptDownload(app: FastifyInstance, db: Db, store: BlobStore): void {
  app.get<{ Params: { id: string; receiptId: string } }>(
    '/admin/expenses/:id/receipts/:receiptId',
    async (req, reply) => {
      authorize(req.user, true, 'see expenses');
      const receipt = await openReceipt(db, store, req.network, req.user!, req.params.id, req.params.receiptId);
      return reply
        .type(receipt.contentType)
        .header('content-disposition', receipt.disposition)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(receipt.bytes);
    },
  );
}
