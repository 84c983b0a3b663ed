import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatEur } from '../web/money.js';
import { defaultCategorySet, listGrants, moneyScope } from '../budgets/service.js';
import { listChapters } from '../chapters/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { listEvents } from '../events/service.js';
import { blobStoreFor } from '../storage/service.js';
import { ErrorSummary, Field, formError, type FormErrors, type FormValues, Select } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { readExpenseForm } from './form.js';
import { expensePolicy } from './policy.js';
import * as expenses from './service.js';
import { Detail } from './detail.js';
import { expenseNames } from './names.js';
import { formatDay } from '../events/format.js';
import { localizedText } from '../web/content.js';
import { EventChoices } from './event-choices.js';
import { receiptDownload } from './receipt-pages.js';
import { TableWrap } from '../web/table-wrap.js';

type Status = (typeof expenses.ExpenseStatuses)[number];

export function expensePages(app: FastifyInstance, db: Db, config: Config): void {
  const settings = { selfApprovalLimitCents: config.expenseSelfApprovalLimitCents, baseUrl: config.baseUrl };
  const store = blobStoreFor(config);
  const csrf = { preHandler: app.csrfProtection };

  const scopeOf = async (req: FastifyRequest) => {
    authorize(req.user, true, 'see expenses');
    const scope = await moneyScope(db, req.network, req.user);
    return { user: req.user, scope };
  };

  app.get('/admin/expenses', async (req, reply) => {
    const { user, scope } = await scopeOf(req);
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const status = (req.query as { status?: string }).status;
    const filter = expenses.ExpenseStatuses.includes(status as Status) ? (status as Status) : undefined;
    const [rows, names] = await Promise.all([
      expenses.listExpenses(db, req.network, user, scope, { status: filter, limit: 200 }),
      expenseNames(db, req.network, locale),
    ]);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('expenses.title')}>
        <h1>{t('expenses.title')}</h1>
        <nav aria-label={t('expenses.status')}>
          <ul class="inline">
            {expenses.ExpenseStatuses.map((s) => (
              <li>
                <a href={`/admin/expenses?status=${s}`} aria-current={s === filter ? 'page' : undefined}>
                  {t(`expenses.status.${s}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {expensePolicy.list(scope) ? (
          <p>
            <a href="/admin/expenses/new">{t('expenses.new')}</a>
          </p>
        ) : null}
        {rows.length ? (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('expenses.date')}</th>
                  <th scope="col">{t('expenses.supplier')}</th>
                  <th scope="col">{t('expenses.chapter')}</th>
                  <th scope="col" class="num">
                    {t('expenses.amount')}
                  </th>
                  <th scope="col">{t('expenses.status')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr>
                    <td>{formatDay(e.incurredOn, locale)}</td>
                    <td>
                      <a href={`/admin/expenses/${e.id}`}>{e.supplierName}</a>
                    </td>
                    <td>{e.chapterSlug ? names.chapter(e.chapterSlug) : t('expenses.network')}</td>
                    <td class="num">{formatEur(e.amountCents, locale)}</td>
                    <td>{t(`expenses.status.${e.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="muted">{t('expenses.empty')}</p>
        )}
      </Layout>,
    );
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, values: FormValues = {}, errors?: FormErrors) => {
    const { scope } = await scopeOf(req);
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const chapters = (await listChapters(db, req.network, { limit: 500 })).filter((c) =>
      expensePolicy.create(scope, c.id),
    );
    const [set, grants, events] = await Promise.all([
      defaultCategorySet(db, req.network),
      listGrants(db, req.network),
      listEvents(db, req.network, {
        from: new Date(Date.now() - 400 * 86_400_000),
        includeDraftsOf: 'all',
        limit: 300,
      }),
    ]);
    const mine = events.filter((e) => scope.all || chapters.some((c) => c.id === e.chapterId));
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('expenses.new')}>
        <h1>{t('expenses.new')}</h1>
        <ErrorSummary ctx={ctx} errors={errors} />
        <form method="post" action="/admin/expenses" class="stack" novalidate>
          <CsrfField ctx={ctx} />
          <Select
            name="chapter"
            label={t('expenses.chapter')}
            values={values}
            errors={errors}
            options={[
              ...(scope.all ? [{ value: '', label: t('expenses.network') }] : []),
              ...chapters.map((c) => ({ value: c.slug, label: localizedText(c, 'name', locale) })),
            ]}
          />
          <Field name="incurredOn" type="date" label={t('expenses.date')} values={values} errors={errors} required />
          <Field name="supplierName" label={t('expenses.supplier')} values={values} errors={errors} required />
          <Field name="supplierVat" label={t('expenses.supplierVat')} values={values} errors={errors} />
          <Field
            name="amount"
            label={t('expenses.amount')}
            help={t('expenses.amountHelp')}
            values={values}
            errors={errors}
            required
          />
          <Select
            name="vatRate"
            label={t('expenses.vatRate')}
            values={values}
            errors={errors}
            options={['21', '12', '6', '0'].map((v) => ({ value: v, label: `${v} %` }))}
          />
          <Select
            name="category"
            label={t('expenses.category')}
            values={values}
            errors={errors}
            options={set.categories.map((c) => ({ value: c.code, label: c[locale] }))}
          />
          <Field name="description" label={t('expenses.description')} values={values} errors={errors} multiline />
          <Select
            name="paidBy"
            label={t('expenses.paidBy')}
            values={values}
            errors={errors}
            options={[
              { value: 'network', label: t('expenses.paidBy.network') },
              { value: 'organiser', label: t('expenses.paidBy.organiser') },
            ]}
          />
          <EventChoices ctx={ctx} events={mine} errors={errors} />
          <Select
            name="grant"
            label={t('expenses.grant')}
            values={values}
            errors={errors}
            options={[
              { value: '', label: t('expenses.noGrant') },
              ...grants.map((g) => ({ value: g.id, label: `${g.funder} ${g.decisionRef}` })),
            ]}
          />
          <div>
            <button type="submit">{t('expenses.save')}</button>
          </div>
        </form>
      </Layout>,
      errors ? 400 : 200,
    );
  };

  app.get('/admin/expenses/new', (req, reply) => newForm(req, reply));
  app.post('/admin/expenses', csrf, async (req, reply) => {
    const { user } = await scopeOf(req);
    const form = readExpenseForm(req.body as Record<string, unknown>);
    if (!form.ok) return newForm(req, reply, form.values, form.errors);
    try {
      const row = await expenses.createExpense(db, req.network, user, form.data);
      return reply.redirect(`/admin/expenses/${row.id}?done=created`, 303);
    } catch (err) {
      const { values, errors } = formError(err, form.values);
      return newForm(req, reply, values, errors);
    }
  });

  const detail = async (req: FastifyRequest, reply: FastifyReply, id: string, errors?: FormErrors) => {
    const { user, scope } = await scopeOf(req);
    const row = await expenses.findExpense(db, req.network, id);
    authorize(user, expensePolicy.read(scope, user, row), 'see this expense');
    const ctx = pageContext(req, reply);
    const [[e], names] = await Promise.all([
      expenses.viewExpenses(db, req.network, [row]),
      expenseNames(db, req.network, ctx.locale),
    ]);
    return sendPage(
      reply,
      <Detail
        ctx={ctx}
        e={e!}
        names={names}
        canEdit={expensePolicy.edit(scope, user, row)}
        canDecide={expensePolicy.decide(scope, row)}
        canAdd={expensePolicy.addReceipt(scope, user, row)}
        errors={errors}
      />,
      errors ? 400 : 200,
    );
  };
  app.get<{ Params: { id: string } }>('/admin/expenses/:id', (req, reply) => detail(req, reply, req.params.id));
  receiptDownload(app, db, store);

  const act = (verb: string, run: (req: FastifyRequest, id: string) => Promise<unknown>) =>
    app.post<{ Params: { id: string } }>(`/admin/expenses/:id/${verb}`, csrf, async (req, reply) => {
      await scopeOf(req);
      try {
        await run(req, req.params.id);
      } catch (err) {
        return detail(req, reply, req.params.id, formError(err, {}).errors);
      }
      return reply.redirect(`/admin/expenses/${req.params.id}?done=saved`, 303);
    });
  const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, string | undefined>;
  act('submit', (req, id) => expenses.submitExpense(db, req.network, req.user!, id, settings));
  act('approve', (req, id) => expenses.approveExpense(db, req.network, req.user!, id, settings));
  act('pay', (req, id) => expenses.payExpense(db, req.network, req.user!, id, body(req).paidOn || undefined, settings));
  act('reject', (req, id) =>
    expenses.rejectExpense(
      db,
      req.network,
      req.user!,
      id,
      {
        reason: (body(req).reason ?? '').trim() || '—',
        outcome: body(req).outcome === 'incomplete' ? 'incomplete' : 'rejected',
      },
      settings,
    ),
  );

  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: expenses.RECEIPT_RULES.maxBytes + 1, files: 1, fields: 2, parts: 3 },
      async onFile(part: MultipartFile) {
        const bytes = await part.toBuffer();
        (part as unknown as { value: unknown }).value = { filename: part.filename, bytes };
      },
    });
    scope.post<{ Params: { id: string }; Body: { file?: { filename: string; bytes: Buffer } } }>(
      '/admin/expenses/:id/receipts',
      { onRequest: async (req) => authorize(req.user, true, 'add receipts'), preHandler: scope.csrfProtection },
      async (req, reply) => {
        const file = typeof req.body?.file === 'object' ? req.body.file : undefined;
        try {
          await expenses.addReceipt(db, store, req.network, req.user!, req.params.id, {
            bytes: file?.bytes ?? new Uint8Array(),
            name: file?.filename || 'receipt',
            field: 'file',
          });
        } catch (err) {
          const known =
            err instanceof Error &&
            'code' in err &&
            ['unsupported_media_type', 'payload_too_large'].includes(String((err as { code: string }).code));
          if (!known) {
            const { errors } = formError(err, {});
            return detail(req, reply, req.params.id, errors);
          }
          return detail(req, reply, req.params.id, { file: (err as Error).message });
        }
        return reply.redirect(`/admin/expenses/${req.params.id}?done=added`, 303);
      },
    );
  });
}
