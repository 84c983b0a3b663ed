import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { ErrorSummary, Field, type FormErrors, type FormValues, parseForm, Select } from '../web/forms.js';
import { intlLocales, type T } from '../web/i18n.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { actionLabel, knownActions } from './actions.js';
import { authorizeAuditLog } from './policy.js';
import { describeDetails, readableSubject } from './details.js';
import { auditCsv, auditCursor, beforeOf, subjectName } from './present.js';
import { AuditFilterSchema } from './schemas.js';
import {
  type AuditFilter,
  auditActors,
  countAudit,
  exportAudit,
  listAudit,
  nameEntries,
  nameSubjects,
  type SubjectName,
} from './service.js';
import { TableWrap } from '../web/table-wrap.js';
import { formatDayTime, isoDay } from '../events/format.js';

const PAGE = 50;
/** Who acted when nobody signed in (recordAudit), shown in the reader's words. */
const COMMAND_LINE = 'command line';
const FILTERS = ['actor', 'action', 'subject', 'from', 'to'] as const;
/** A filter form sends every field, most of them empty: an empty field filters nothing. */
const readFilter = (input: unknown) => parseForm(AuditFilterSchema, input, { omitEmpty: [...FILTERS] });
/** The filters given, as a query string (kept by the paging links and the export). */
const filterQuery = (f: AuditFilter) =>
  new URLSearchParams(FILTERS.flatMap((k) => (f[k] ? [[k, f[k]!] as [string, string]] : [])));

export function auditPages(app: FastifyInstance, db: Db, _config: Config): void {
  app.get('/admin/audit', async (req, reply) => {
    authorizeAuditLog(req.user);
    const query = req.query as Record<string, unknown>;
    const form = readFilter(query);
    if (!form.ok) return page(req, reply, form.values, form.errors);
    const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
    return page(req, reply, form.values, undefined, form.data, cursor);
  });

  app.post('/admin/audit/export', { preHandler: app.csrfProtection }, async (req, reply) => {
    authorizeAuditLog(req.user);
    const form = readFilter(req.body);
    if (!form.ok) return page(req, reply, form.values, form.errors);
    const rows = await exportAudit(db, req.network.id, req.user!, form.data);
    const ctx = pageContext(req, reply);
    const names = await nameSubjects(db, req.network.id, rows, ctx.locale);
    const day = isoDay(new Date());
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-log-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(auditCsv(rows, ctx.t, names));
  });

  /** The log, filtered and paged; refused filters come back on the form, with nothing listed. */
  async function page(
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: FormErrors | undefined,
    filter?: AuditFilter,
    cursor?: string,
  ) {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const [rows, total, actors] = filter
      ? await Promise.all([
          listAudit(db, req.network.id, { limit: PAGE + 1, before: beforeOf(cursor), filter }),
          countAudit(db, req.network.id, filter),
          auditActors(db, req.network.id),
        ])
      : [[], 0, await auditActors(db, req.network.id)];
    const next = auditCursor(rows, PAGE);
    const { subjects: names, nameOf } = await nameEntries(db, req.network.id, rows.slice(0, PAGE), locale);
    const filtered = filter !== undefined && FILTERS.some((k) => filter[k]);
    const here = filter ? filterQuery(filter) : new URLSearchParams();
    const at = (c?: string) => {
      const q = new URLSearchParams(here);
      if (c) q.set('cursor', c);
      return q.size ? `/admin/audit?${q.toString()}` : '/admin/audit';
    };
    const actions = knownActions
      .map((a) => ({ value: a, label: actionLabel(t, a) }))
      .sort((a, b) => a.label.localeCompare(b.label, intlLocales[locale]));
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('audit.title')}>
        <h1>{t('audit.title')}</h1>
        <p>{t('audit.intro')}</p>
        <ErrorSummary ctx={ctx} errors={errors} />
        <form method="get" action="/admin/audit" class="filters" role="search" aria-label={t('audit.filter.legend')}>
          <Field name="actor" label={t('audit.filter.actor')} values={values} errors={errors} suggestions={actors} />
          <Select
            name="action"
            label={t('audit.filter.action')}
            values={values}
            errors={errors}
            options={[{ value: '', label: t('audit.filter.anyAction') }, ...actions]}
          />
          <Field name="subject" label={t('audit.filter.subject')} values={values} errors={errors} />
          <Field name="from" type="date" label={t('audit.filter.from')} values={values} errors={errors} />
          <Field name="to" type="date" label={t('audit.filter.to')} values={values} errors={errors} />
          <div>
            <button type="submit">{t('audit.filter.apply')}</button>{' '}
            {filtered || errors ? <a href="/admin/audit">{t('audit.filter.clear')}</a> : null}
          </div>
        </form>
        {filter ? <p class="muted">{t('audit.count', { count: total })}</p> : null}
        {rows.length ? (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.subject')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, PAGE).map((e) => (
                  <tr>
                    <td>
                      <time dateTime={e.createdAt.toISOString()}>{formatDayTime(e.createdAt, locale, 'medium')}</time>
                    </td>
                    <td>{e.actorEmail === COMMAND_LINE ? t('audit.value.command_line') : e.actorEmail}</td>
                    <td>{actionLabel(t, e.action)}</td>
                    <td>
                      <Subject subject={e.subject} named={names.get(e.id)} t={t} />
                    </td>
                    <td class="muted">{describeDetails(e.details, t, nameOf, e.action)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : filter ? (
          <p class="muted">{t(filtered ? 'audit.noMatch' : 'audit.empty')}</p>
        ) : null}
        <p>
          {cursor ? <a href={at()}>{t('audit.newest')}</a> : null}{' '}
          {next ? <a href={at(next)}>{t('audit.older')}</a> : null}
        </p>
        {filter && total > 0 ? (
          <form method="post" action="/admin/audit/export" novalidate>
            <CsrfField ctx={ctx} />
            {[...here].map(([k, v]) => (
              <input type="hidden" name={k} value={v} />
            ))}
            <button type="submit">{t('audit.export')}</button>
            <p class="help">{t('audit.exportNote')}</p>
          </form>
        ) : null}
        <p>
          <a href="/admin/members">{t('members.admin.title')}</a>
        </p>
      </Layout>,
      errors ? 400 : 200,
    );
  }
}

/** The subject named as it is now, linked while it exists; the words of the entry when it names no thing. */
function Subject({ subject, named, t }: { subject: string; named: SubjectName | undefined; t: T }) {
  if (!named) return <>{readableSubject(subject, t)}</>;
  if (named.name === null) return <span class="muted">{subjectName(named, t)}</span>;
  return named.href ? (
    <a href={named.href} lang={named.lang}>
      {named.name}
    </a>
  ) : (
    <span lang={named.lang}>{named.name}</span>
  );
}
