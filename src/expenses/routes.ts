import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { moneyScope } from '../budgets/service.js';
import { findChapter } from '../chapters/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor } from '../storage/service.js';
import { bearer, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { AppError, notFound } from '../web/errors.js';
import { expensePolicy } from './policy.js';
import { afterOf, expenseCursor, presentExpense } from './present.js';
import {
  ExpenseCreateSchema,
  ExpenseListQuerySchema,
  ExpenseSchema,
  ExpenseUpdateSchema,
  PaySchema,
  RejectSchema,
} from './schemas.js';
import * as expenses from './service.js';
import { msg } from '../web/i18n.js';

const tags = ['money'];
const IdParams = z.object({ id: z.uuid() });
const RECEIPT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'];

export function expenseRoutes(app: Api, db: Db, config: Config): void {
  const settings = { selfApprovalLimitCents: config.expenseSelfApprovalLimitCents, baseUrl: config.baseUrl };
  const store = blobStoreFor(config);
  const one = async (req: FastifyRequest, id: string) => {
    const row = await expenses.findExpense(db, req.network, id);
    const [view] = await expenses.viewExpenses(db, req.network, [row]);
    return presentExpense(view!);
  };

  app.get('/api/v1/expenses', {
    schema: {
      tags,
      summary: 'Expenses the caller may see (treasurers: their scope; organisers: their chapters; everyone: their own)',
      security: bearer,
      querystring: ExpenseListQuerySchema,
      response: { 200: z.object({ items: z.array(ExpenseSchema), nextCursor: z.string().nullable() }) },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const scope = await moneyScope(db, req.network, user);
      const { status, chapter, event, grant, year, limit, cursor } = req.query;
      const chapterId =
        chapter === 'network' ? null : chapter ? (await findChapter(db, req.network, chapter)).id : undefined;
      const rows = await expenses.listExpenses(db, req.network, user, scope, {
        status,
        chapterId,
        eventId: event,
        grantId: grant,
        year,
        after: afterOf(cursor),
        limit: limit + 1,
      });
      const views = await expenses.viewExpenses(db, req.network, rows.slice(0, limit));
      return { items: views.map(presentExpense), nextCursor: expenseCursor(rows, limit) };
    },
  });

  app.post('/api/v1/expenses', {
    schema: {
      tags,
      summary: 'Record an expense (a draft) with its split across events and grants',
      security: bearer,
      body: ExpenseCreateSchema,
      response: { 201: ExpenseSchema },
    },
    handler: async (req, reply) => {
      const row = await expenses.createExpense(db, req.network, requireUser(req), req.body);
      return reply
        .code(201)
        .header('location', `/api/v1/expenses/${row.id}`)
        .send(await one(req, row.id));
    },
  });

  app.get('/api/v1/expenses/:id', {
    schema: { tags, summary: 'An expense', security: bearer, params: IdParams, response: { 200: ExpenseSchema } },
    handler: async (req) => {
      const user = requireUser(req);
      const row = await expenses.findExpense(db, req.network, req.params.id);
      if (!expensePolicy.read(await moneyScope(db, req.network, user), user, row))
        throw notFound(msg('expenses.problem.expense'));
      return one(req, row.id);
    },
  });

  app.patch('/api/v1/expenses/:id', {
    schema: {
      tags,
      summary: 'Change a draft or incomplete expense',
      security: bearer,
      params: IdParams,
      body: ExpenseUpdateSchema,
      response: { 200: ExpenseSchema },
    },
    handler: async (req) => {
      await expenses.updateExpense(db, req.network, requireUser(req), req.params.id, req.body);
      return one(req, req.params.id);
    },
  });

  const transition = (
    verb: 'submit' | 'approve' | 'pay' | 'reject',
    summary: string,
    body: z.ZodType | undefined,
    run: (req: FastifyRequest) => Promise<unknown>,
  ) =>
    app.post(`/api/v1/expenses/:id/${verb}`, {
      schema: {
        tags,
        summary,
        security: bearer,
        params: IdParams,
        ...(body ? { body } : {}),
        response: { 200: ExpenseSchema },
      },
      handler: async (req) => {
        await run(req);
        return one(req, (req.params as { id: string }).id);
      },
    });
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
  transition('submit', 'Submit for approval (a reimbursement needs a receipt)', undefined, (req) =>
    expenses.submitExpense(db, req.network, requireUser(req), idOf(req), settings),
  );
  transition('approve', 'Approve (treasurers; above the limit, not the submitter)', undefined, (req) =>
    expenses.approveExpense(db, req.network, requireUser(req), idOf(req), settings),
  );
  transition('reject', 'Reject with a reason, or send back as incomplete (treasurers)', RejectSchema, (req) =>
    expenses.rejectExpense(
      db,
      req.network,
      requireUser(req),
      idOf(req),
      req.body as z.infer<typeof RejectSchema>,
      settings,
    ),
  );
  transition('pay', 'Mark an approved expense as paid (treasurers)', PaySchema, (req) =>
    expenses.payExpense(
      db,
      req.network,
      requireUser(req),
      idOf(req),
      (req.body as z.infer<typeof PaySchema> | undefined)?.paidOn,
      settings,
    ),
  );

  void app.register(async (scope) => {
    scope.addContentTypeParser(
      RECEIPT_TYPES,
      { parseAs: 'buffer', bodyLimit: expenses.RECEIPT_RULES.maxBytes + 1 },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post('/api/v1/expenses/:id/receipts', {
      bodyLimit: expenses.RECEIPT_RULES.maxBytes + 1,
      // The receipt is the raw body: its type and size are checked by content (413, 415).
      config: { bodyTypes: RECEIPT_TYPES, problems: [413, 415] },
      onRequest: async (req) => {
        requireUser(req);
      },
      schema: {
        tags,
        summary: 'Add a receipt: send the file itself as the body (application/pdf, image/jpeg or image/png)',
        description:
          'The type is checked from the content, not the header; the bytes are kept as received with their SHA-256. `?name=` gives the file name. Receipts are final once the expense is approved.',
        security: bearer,
        consumes: ['application/pdf', 'image/jpeg', 'image/png'],
        params: IdParams,
        querystring: z.object({ name: z.string().max(200).default('receipt') }),
        response: { 201: ExpenseSchema },
      },
      handler: async (req, reply) => {
        if (!Buffer.isBuffer(req.body))
          throw new AppError('unsupported_media_type', msg('error.sendBodyAs', { what: 'receipt' }));
        await expenses.addReceipt(db, store, req.network, requireUser(req), req.params.id, {
          bytes: req.body,
          name: req.query.name,
          field: 'body',
        });
        return reply.code(201).send(await one(req, req.params.id));
      },
    });
  });

  app.get('/api/v1/expenses/:id/receipts/:receiptId', {
    schema: {
      tags,
      summary: 'The file of a receipt, as received',
      security: bearer,
      params: IdParams.extend({ receiptId: z.uuid() }),
    },
    handler: async (req, reply) => {
      const receipt = await expenses.openReceipt(
        db,
        store,
        req.network,
        requireUser(req),
        req.params.id,
        req.params.receiptId,
      );
      return reply
        .type(receipt.contentType)
        .header('content-disposition', receipt.disposition)
        .header('x-content-type-options', 'nosniff')
        .send(receipt.bytes);
    },
  });
}
