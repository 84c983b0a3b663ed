import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as calls from '../calls/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { AppError } from '../web/errors.js';
import { ErrorSummary, Field, formErrors, parseForm, Select, type FormErrors, type FormValues } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { presentJuror } from './invitation-routes.js';
import { inviteJuror, resendInvitation } from './invitations.js';
import { JurorInviteSchema } from './schemas.js';
import * as jury from './service.js';
import { TableWrap } from '../web/table-wrap.js';

type Form = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const stageOf = (req: FastifyRequest) => Number((req.query as { stage?: string }).stage) || undefined;

/**
 * The call managers' jury page: jurors and their invitations (a new link on demand), the
 * invitation form, and the assignment of a stage with the pairs organisers pin or forbid.
 */
export function manageJuryPages(app: FastifyInstance, db: Db, config: Config): void {
  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form?: { values: FormValues; errors: FormErrors; problem?: string },
    status = 200,
  ) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const slug = (req.params as { slug: string }).slug;
    const call = await jury.managedCall(db, req.network, req.user, slug, 'manage the jury of this call');
    const stages = await calls.stagesOf(db, call.id);
    const list = await jury.listAssignments(db, req.network, req.user, call.id, stageOf(req));
    const stage = stages.find((s) => s.position === list.stage)!;
    const jurors = await jury.jurorsOfCall(db, call.id);
    // A former juror (account erased) judges no more: out of the table, named as such beside their past work.
    const here = jurors.filter((j) => j.stageId === stage.id && j.userId !== null);
    const subs = await jury.stageSubmissions(db, call, stage);
    const nameOf = new Map(jurors.map((j) => [j.id, j.userId ? j.name : t('jury.manage.formerJuror')]));
    const action = (path: string) => `/calls/${call.slug}/jury/${path}?stage=${stage.position}`;
    const title = t('jury.title', { title: call.title[locale] });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <p>
          <a href={`/calls/${call.slug}/results?stage=${stage.position}`}>{t('jury.manage.results')}</a> ·{' '}
          <a href={`/calls/${call.slug}/redactions?stage=${stage.position}`}>{t('jury.manage.redactions')}</a>
        </p>
        {stages.length > 1 ? (
          <nav aria-label={t('jury.manage.stages')}>
            {stages.map((s) => (
              <>
                <a
                  href={`/calls/${call.slug}/jury?stage=${s.position}`}
                  aria-current={s.id === stage.id ? 'page' : undefined}
                >
                  {s.name}
                </a>{' '}
              </>
            ))}
          </nav>
        ) : null}
        {form?.problem ? (
          <p class="errors" role="alert">
            {form.problem}
          </p>
        ) : null}
        <h2>{t('jury.manage.jurors', { stage: stage.name })}</h2>
        {here.length ? (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('jury.manage.name')}</th>
                  <th scope="col">{t('jury.manage.email')}</th>
                  <th scope="col">{t('jury.manage.mailLanguage')}</th>
                  <th scope="col">{t('jury.manage.invitation')}</th>
                  <th scope="col">{t('jury.manage.load')}</th>
                </tr>
              </thead>
              <tbody>
                {here.map((j) => {
                  const p = presentJuror(j, stage.position);
                  return (
                    <tr>
                      <td>{j.name}</td>
                      <td>{j.email}</td>
                      <td>{t('content.languageName', { language: j.locale })}</td>
                      <td>
                        {t(`jury.manage.invitation.${p.invitation}`, {
                          date: calls.formatInstant(j.inviteExpiresAt, locale),
                        })}
                        {p.invitation === 'accepted' ? null : (
                          <form method="post" action={action(`jurors/${j.id}/resend`)} class="inline" novalidate>
                            <CsrfField ctx={ctx} /> <button type="submit">{t('jury.manage.resend')}</button>
                          </form>
                        )}
                      </td>
                      <td>{list.loads[j.id] ?? 0}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="muted">{t('jury.manage.noJurors')}</p>
        )}
        <h2>{t('jury.manage.invite')}</h2>
        <ErrorSummary ctx={ctx} errors={form?.errors} />
        <form method="post" action={action('invite')} class="stack" novalidate>
          <CsrfField ctx={ctx} />
          <Field
            name="email"
            type="email"
            label={t('jury.manage.email')}
            values={form?.values}
            errors={form?.errors}
            required
          />
          <Field name="name" label={t('jury.manage.name')} values={form?.values} errors={form?.errors} required />
          <Field
            name="organisation"
            label={t('jury.manage.organisation')}
            help={t('jury.manage.organisationHelp')}
            values={form?.values}
            errors={form?.errors}
          />
          <Select
            name="locale"
            label={t('jury.manage.mailLanguage')}
            values={form?.values ?? { locale }}
            errors={form?.errors}
            options={(['fr', 'nl', 'en'] as const).map((l) => ({
              value: l,
              label: t('content.languageName', { language: l }),
            }))}
          />
          <input type="hidden" name="stage" value={String(stage.position)} />
          <p class="muted">{t('jury.manage.inviteHelp')}</p>
          <div>
            <button type="submit">{t('jury.manage.inviteButton')}</button>
          </div>
        </form>
        <h2>{t('jury.manage.assignments', { stage: stage.name })}</h2>
        {list.short.length ? <p class="notice">{t('jury.manage.short', { count: list.short.length })}</p> : null}
        {stage.closedAt ? (
          <p class="muted">{t('jury.closed')}</p>
        ) : (
          <form method="post" action={action('assign')} class="inline" novalidate>
            <CsrfField ctx={ctx} />
            <button type="submit">{t('jury.manage.run')}</button>
          </form>
        )}
        {subs.length ? (
          <ul>
            {subs.map((s) => (
              <li>
                <strong>{s.title || t('subs.untitled')}</strong>:{' '}
                {list.items
                  .filter((a) => a.submissionId === s.id)
                  .map(
                    (a) =>
                      `${nameOf.get(a.jurorId) ?? ''}${a.rule === 'auto' ? '' : ` (${t(`jury.manage.rule.${a.rule}`)})`}`,
                  )
                  .join(', ') || '—'}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('jury.manage.noSubmissions')}</p>
        )}
        {stage.closedAt || !here.length || !subs.length ? null : (
          <form method="post" action={action('rules')} class="stack" novalidate>
            <CsrfField ctx={ctx} />
            <h3>{t('jury.manage.pair')}</h3>
            <p class="muted">{t('jury.manage.pairHelp')}</p>
            <Select
              name="jurorId"
              label={t('jury.manage.juror')}
              options={here.map((j) => ({ value: j.id, label: j.name }))}
            />
            <Select
              name="submissionId"
              label={t('jury.manage.submission')}
              options={subs.map((s) => ({ value: s.id, label: s.title || t('subs.untitled') }))}
            />
            <Select
              name="rule"
              label={t('jury.manage.ruleLabel')}
              options={(['pin', 'forbid'] as const).map((r) => ({ value: r, label: t(`jury.manage.rule.${r}`) }))}
            />
            <div>
              <button type="submit">{t('jury.manage.pairButton')}</button>
            </div>
          </form>
        )}
      </Layout>,
      status,
    );
  };

  app.get('/calls/:slug/jury', (req, reply) => page(req, reply));

  /** Runs a manager's change, then back to the page; a refusal is shown on the page, nothing changed. */
  const act = (
    path: string,
    run: (req: FastifyRequest, callId: string, body: Form) => Promise<{ errors: FormErrors } | unknown>,
  ) =>
    app.post(`/calls/:slug/jury/${path}`, { preHandler: app.csrfProtection }, async (req, reply) => {
      const slug = (req.params as { slug: string }).slug;
      const body = (req.body ?? {}) as Form;
      try {
        const call = await calls.findCall(db, req.network, slug);
        const out = await run(req, call.id, body);
        if (out && typeof out === 'object' && 'errors' in out && !Array.isArray(out.errors))
          return page(req, reply, { values: valuesOf(body), errors: out.errors as FormErrors }, 400);
      } catch (err) {
        if (!(err instanceof AppError) || (err.code !== 'validation' && err.code !== 'conflict')) throw err;
        return page(
          req,
          reply,
          { values: valuesOf(body), errors: formErrors(err.errors), problem: err.detail },
          err.status,
        );
      }
      return reply.redirect(`/calls/${slug}/jury?stage=${stageOf(req) ?? ''}&done=saved`, 303);
    });

  act('invite', async (req, callId, body) => {
    const form = parseForm(JurorInviteSchema, body, { numbers: ['stage'], omitEmpty: ['organisation', 'locale'] });
    if (!form.ok) return { errors: form.errors };
    return inviteJuror(db, req.network, req.user, callId, form.data, config);
  });
  act('jurors/:id/resend', (req, callId) =>
    resendInvitation(db, req.network, req.user, callId, (req.params as { id: string }).id, config),
  );
  act('assign', (req, callId) =>
    jury.runAssignment(db, req.network, req.user, callId, { stage: stageOf(req), pins: [], forbids: [] }),
  );
  act('rules', (req, callId, body) => {
    const pair = { jurorId: one(body.jurorId) ?? '', submissionId: one(body.submissionId) ?? '' };
    const pin = one(body.rule) === 'pin';
    return jury.runAssignment(db, req.network, req.user, callId, {
      stage: stageOf(req),
      pins: pin ? [pair] : [],
      forbids: pin ? [] : [pair],
    });
  });
}

const valuesOf = (body: Form): FormValues =>
  Object.fromEntries(Object.entries(body).map(([k, v]) => [k, one(v) ?? '']));
