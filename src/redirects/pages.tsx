import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { isNewsEditor } from '../news/service.js';
import { requireUser } from '../web/context.js';
import { AppError } from '../web/errors.js';
import { ErrorSummary, Field, type FormErrors, type FormValues, formError } from '../web/forms.js';
import { OffsetQuerySchema } from '../web/pagination.js';
import { CsrfField, Layout, pageContext, type PageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { TableWrap } from '../web/table-wrap.js';
import { decodeUtf8OrWindows1252 } from '../web/text-decoding.js';
import * as redirects from './service.js';

/**
 * The redirect table as editors see it: the same service calls as /api/v1/redirects (so the same
 * rules, the same translated refusals and the same audit entries), with the signed-in editor as actor.
 */
const PAGE = 50;
type IdParams = { Params: { id: string } };
type Upload = { bytes: Buffer; filename: string };
type Body = Record<string, string | Upload | undefined>;

const fieldsOf = (body: Body | undefined): FormValues => {
  const values: FormValues = {};
  for (const [k, v] of Object.entries(body ?? {})) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
  return values;
};

/** A refusal of the service shown on the form: 409 for a loop or a conflict, else 400. */
const refused = (err: unknown, values: FormValues) => ({
  errors: formError(err, values).errors,
  status: err instanceof AppError && err.code === 'conflict' ? 409 : 400,
});

export function redirectPages(app: FastifyInstance, db: Db): void {
  const editors = async (req: FastifyRequest) => {
    const user = requireUser(req);
    authorize(user, await isNewsEditor(db, user, req.network.id), 'manage redirects');
    return user;
  };

  async function listPage(
    req: FastifyRequest,
    reply: FastifyReply,
    form: { values?: FormValues; errors?: FormErrors; status?: number; notice?: string } = {},
  ) {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const { offset } = OffsetQuerySchema.parse(req.query ?? {});
    const rows = await redirects.listRedirects(db, req.network, { limit: PAGE + 1, offset });
    const at = (o: number) => `/admin/redirects?offset=${o}`;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('redirect.admin.title')}>
        <h1>{t('redirect.admin.title')}</h1>
        <p>{t('redirect.admin.intro')}</p>
        {form.notice ? (
          <p class="notice" role="status">
            {form.notice}
          </p>
        ) : null}
        <ErrorSummary ctx={ctx} errors={form.errors} />
        <h2>{t('redirect.admin.add')}</h2>
        <form method="post" action="/admin/redirects" class="stack" novalidate>
          <CsrfField ctx={ctx} />
          <Field name="from" label={t('redirect.admin.from')} values={form.values} errors={form.errors} required />
          <Field name="to" label={t('redirect.admin.to')} values={form.values} errors={form.errors} required />
          <div>
            <button type="submit">{t('form.add')}</button>
          </div>
        </form>
        {/* A heading of its own: the table no longer reads as part of the form above it. */}
        <h2>{t('redirect.admin.list')}</h2>
        {rows.length ? <Table ctx={ctx} rows={rows.slice(0, PAGE)} /> : <p>{t('redirect.admin.empty')}</p>}
        <p>
          {offset > 0 ? <a href={at(Math.max(0, offset - PAGE))}>{t('redirect.admin.previous')}</a> : null}
          {offset > 0 && rows.length > PAGE ? ' · ' : null}
          {rows.length > PAGE ? <a href={at(offset + PAGE)}>{t('redirect.admin.next')}</a> : null}
        </p>
        <p>
          <a href="/admin/redirects/export.csv" download="redirects.csv">
            {t('redirect.admin.export')}
          </a>
        </p>
        <h2>{t('redirect.admin.import')}</h2>
        <form method="post" action="/admin/redirects/import" enctype="multipart/form-data" class="stack" novalidate>
          <CsrfField ctx={ctx} />
          <div>
            <label htmlFor="f-file">{t('redirect.admin.file')}</label>
            <input id="f-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="f-file-help" />
            <p class="help" id="f-file-help">
              {t('redirect.admin.importHelp')}
            </p>
          </div>
          <div>
            <button type="submit">{t('redirect.admin.importButton')}</button>
          </div>
        </form>
      </Layout>,
      form.status,
    );
  }

  async function editPage(
    req: FastifyRequest<IdParams>,
    reply: FastifyReply,
    row: redirects.RedirectRow,
    form: { values?: FormValues; errors?: FormErrors; status?: number } = {},
  ) {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const title = t('redirect.admin.editTitle', { from: row.fromKey });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <ErrorSummary ctx={ctx} errors={form.errors} />
        <form method="post" action={`/admin/redirects/${row.id}`} class="stack" novalidate>
          <CsrfField ctx={ctx} />
          <Field
            name="to"
            label={t('redirect.admin.to')}
            values={form.values ?? { to: row.toPath }}
            errors={form.errors}
            required
          />
          <div>
            <button type="submit">{t('form.save')}</button>
          </div>
        </form>
        <form method="post" action={`/admin/redirects/${row.id}/delete`} class="inline" novalidate>
          <CsrfField ctx={ctx} />
          <button type="submit">{t('form.delete')}</button>
        </form>
        <p>
          <a href="/admin/redirects">{t('redirect.admin.back')}</a>
        </p>
      </Layout>,
      form.status,
    );
  }

  app.get('/admin/redirects', async (req, reply) => {
    await editors(req);
    return listPage(req, reply);
  });
  app.get('/admin/redirects/export.csv', async (req, reply) => {
    await editors(req);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="redirects.csv"')
      .send(await redirects.exportRedirects(db, req.network));
  });
  app.get<IdParams>('/admin/redirects/:id', async (req, reply) => {
    await editors(req);
    return editPage(req, reply, await redirects.findRedirectById(db, req.network, req.params.id));
  });

  const csrf = { preHandler: app.csrfProtection };
  app.post<{ Body: Body }>('/admin/redirects', csrf, async (req, reply) => {
    const user = await editors(req);
    const values = fieldsOf(req.body);
    try {
      await db.transaction((tx) => redirects.createRedirect(tx, req.network, values.from ?? '', values.to ?? '', user));
    } catch (err) {
      return listPage(req, reply, { values, ...refused(err, values) });
    }
    return reply.redirect('/admin/redirects?done=added', 303);
  });
  app.post<IdParams & { Body: Body }>('/admin/redirects/:id', csrf, async (req, reply) => {
    const user = await editors(req);
    const row = await redirects.findRedirectById(db, req.network, req.params.id);
    const values = fieldsOf(req.body);
    try {
      await db.transaction((tx) => redirects.updateRedirect(tx, req.network, row.id, values.to ?? '', user));
    } catch (err) {
      return editPage(req, reply, row, { values, ...refused(err, values) });
    }
    return reply.redirect('/admin/redirects?done=saved', 303);
  });
  app.post<IdParams>('/admin/redirects/:id/delete', csrf, async (req, reply) => {
    const user = await editors(req);
    const row = await redirects.findRedirectById(db, req.network, req.params.id);
    await db.transaction((tx) => redirects.deleteRedirect(tx, req.network, row.id, user));
    return reply.redirect('/admin/redirects?done=deleted', 303);
  });

  // The CSV file comes as multipart, in a scope of its own (the parser is this form's only).
  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: 5 * 1_048_576, files: 1, fields: 5, parts: 6 },
      async onFile(part: MultipartFile) {
        (part as unknown as { value: Upload }).value = { bytes: await part.toBuffer(), filename: part.filename };
      },
    });
    scope.post<{ Body: Body }>('/admin/redirects/import', { preHandler: scope.csrfProtection }, async (req, reply) => {
      const user = await editors(req);
      const file = req.body?.file;
      const t = pageContext(req, reply).t;
      if (typeof file !== 'object' || file.bytes.length === 0)
        return listPage(req, reply, { errors: { file: t('redirect.admin.noFile') }, status: 400 });
      // A NUL byte never appears in text: a workbook (.xlsx is a zip), an image or a PDF chosen by mistake.
      if (file.bytes.includes(0))
        return listPage(req, reply, { errors: { file: t('redirect.admin.notText') }, status: 400 });
      const csv = decodeUtf8OrWindows1252(file.bytes).text;
      try {
        const { added } = await db.transaction((tx) => redirects.importRedirects(tx, req.network, csv, user));
        return listPage(req, reply, { notice: t('redirect.admin.imported', { count: added }) });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return listPage(req, reply, { errors: { file: err.detail }, status: err.code === 'conflict' ? 409 : 400 });
      }
    });
  });
}

function Table({ ctx, rows }: { ctx: PageContext; rows: redirects.RedirectRow[] }) {
  const { t } = ctx;
  return (
    <TableWrap>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('redirect.admin.from')}</th>
            <th scope="col">{t('redirect.admin.to')}</th>
            <th scope="col">{t('redirect.admin.origin')}</th>
            <th scope="col">{t('redirect.admin.edit')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>
                <code>{r.fromKey}</code>
              </td>
              <td>
                <a href={r.toPath}>{r.toPath}</a>
              </td>
              <td>{r.origin === 'import' ? t('redirect.admin.origin.import') : t('redirect.admin.origin.manual')}</td>
              <td>
                <a href={`/admin/redirects/${r.id}`}>{t('redirect.admin.edit')}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
