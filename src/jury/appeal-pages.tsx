import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as calls from '../calls/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { AppError } from '../web/errors.js';
import { ErrorSummary, Field, parseForm, Select, type FormErrors, type FormValues } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { AppealAnswerSchema, AppealInputSchema } from './appeal-routes.js';
import { answerAppeal, appealDecision, appealState, listAppeals } from './appeals.js';

type Form = { values: FormValues; errors: FormErrors };

/** The applicant's appeal page (by their submission's secret link) and the organisers' answers. */
export function appealPages(app: FastifyInstance, db: Db, config: Config): void {
  const mine = async (req: FastifyRequest, reply: FastifyReply, form?: Form, status = 200) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const secret = (req.params as { secret: string }).secret;
    const s = await appealState(db, req.network, secret);
    const title = t('jury.appeal.title', { title: s.call.title[locale] });
    const until = s.decision?.appealUntil ? calls.formatInstant(s.decision.appealUntil, locale) : '';
    return sendPage(
      reply.header('referrer-policy', 'no-referrer'),
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        {!s.decision ? (
          <p class="muted">{t('jury.appeal.none')}</p>
        ) : (
          <>
            <p>{t(`jury.appeal.decision.${s.decision.outcome}`, { submission: s.submission.title })}</p>
            {s.appeal ? (
              <>
                <p>{t('jury.appeal.yours', { date: calls.formatInstant(s.appeal.createdAt, locale) })}</p>
                <blockquote class="pre-line">{s.appeal.grounds}</blockquote>
                <p class="notice">{t(`jury.appeal.status.${s.appeal.status}`)}</p>
                {s.appeal.answer ? (
                  <>
                    <p>{t('jury.appeal.answer')}</p>
                    <blockquote class="pre-line">{s.appeal.answer}</blockquote>
                  </>
                ) : null}
              </>
            ) : s.open ? (
              <>
                <p>{t('jury.appeal.until', { date: until })}</p>
                <ErrorSummary ctx={ctx} errors={form?.errors} />
                <form method="post" class="stack" novalidate>
                  <CsrfField ctx={ctx} />
                  <Field name="grounds" label={t('jury.appeal.grounds')} multiline required {...form} />
                  <div>
                    <button type="submit">{t('jury.appeal.submit')}</button>
                  </div>
                </form>
              </>
            ) : (
              <p class="notice">{t('jury.appeal.closed', { date: until })}</p>
            )}
          </>
        )}
      </Layout>,
      status,
    );
  };
  app.get('/s/:secret/appeal', (req, reply) => mine(req, reply));
  app.post(
    '/s/:secret/appeal',
    { preHandler: app.csrfProtection, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const secret = (req.params as { secret: string }).secret;
      const form = parseForm(AppealInputSchema, req.body);
      if (!form.ok) return mine(req, reply, form, 400);
      try {
        await appealDecision(db, req.network, secret, form.data.grounds);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
        return mine(req, reply, { values: form.values, errors: { grounds: err.detail } }, 409);
      }
      return reply.redirect(`/s/${secret}/appeal?done=saved`, 303);
    },
  );

  const list = async (req: FastifyRequest, reply: FastifyReply, failed?: { id: string } & Form, status = 200) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const r = await listAppeals(db, req.network, req.user, (req.params as { slug: string }).slug);
    const title = t('jury.appeals.title', { title: r.call.title[locale] });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <p>
          <a href={`/calls/${r.call.slug}/results`}>{t('jury.manage.results')}</a>
        </p>
        {r.items.length ? null : <p class="muted">{t('jury.appeals.empty')}</p>}
        {r.items.map(({ appeal, submission, decision }) => {
          const form = failed?.id === appeal.id ? failed : undefined;
          return (
            <section>
              <h2>{submission.title}</h2>
              <p>{t(`jury.appeal.decision.${decision.outcome}`, { submission: submission.title })}</p>
              <p>{t('jury.appeal.yours', { date: calls.formatInstant(appeal.createdAt, locale) })}</p>
              <blockquote class="pre-line">{appeal.grounds}</blockquote>
              {appeal.status === 'open' ? (
                <form method="post" action={`/calls/${r.call.slug}/appeals/${appeal.id}`} class="stack" novalidate>
                  <CsrfField ctx={ctx} />
                  <ErrorSummary ctx={ctx} errors={form?.errors} />
                  <Select
                    name="outcome"
                    id={`f-outcome-${appeal.id}`}
                    label={t('jury.appeals.outcome')}
                    options={(['dismissed', 'upheld'] as const).map((o) => ({
                      value: o,
                      label: t(`jury.appeals.${o}`),
                    }))}
                    {...form}
                  />
                  <Field name="answer" label={t('jury.appeals.answerLabel')} multiline required {...form} />
                  <div>
                    <button type="submit">{t('jury.appeals.send')}</button>
                  </div>
                </form>
              ) : (
                <>
                  <p class="notice">{t(`jury.appeal.status.${appeal.status}`)}</p>
                  <blockquote class="pre-line">{appeal.answer}</blockquote>
                </>
              )}
            </section>
          );
        })}
      </Layout>,
      status,
    );
  };
  app.get('/calls/:slug/appeals', (req, reply) => list(req, reply));
  app.post('/calls/:slug/appeals/:id', { preHandler: app.csrfProtection }, async (req, reply) => {
    const { slug, id } = req.params as { slug: string; id: string };
    const form = parseForm(AppealAnswerSchema, req.body);
    if (!form.ok) return list(req, reply, { id, values: form.values, errors: form.errors }, 400);
    try {
      await answerAppeal(db, req.network, req.user, id, form.data, config);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
      return list(req, reply, { id, values: form.values, errors: { answer: err.detail } }, 409);
    }
    return reply.redirect(`/calls/${slug}/appeals?done=saved`, 303);
  });
}
