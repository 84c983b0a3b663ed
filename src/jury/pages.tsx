import { formErrors } from '../web/forms.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as calls from '../calls/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { AppError } from '../web/errors.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { appealPages } from './appeal-pages.js';
import { invitationPages } from './invitation-pages.js';
import { manageJuryPages } from './manage-pages.js';
import { redactionPages } from './redaction-pages.js';
import { sendJurorFile } from './routes.js';
import * as reviews from './reviews.js';
import { ReviewInputSchema } from './schemas.js';
import * as jury from './service.js';
import { msg } from '../web/i18n.js';
import { blobStoreFor } from '../storage/service.js';

type Form = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Jurors' pages: the invitation, the rules, their queue with conflict declarations, and the review form. */
export function juryPages(app: FastifyInstance, db: Db, config: Config): void {
  invitationPages(app, db, config);
  appealPages(app, db, config);
  manageJuryPages(app, db, config);
  redactionPages(app, db);

  const queuePage = async (req: FastifyRequest, reply: FastifyReply) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const slug = (req.params as { slug: string }).slug;
    const q = await reviews.jurorQueue(db, req.network, req.user, slug);
    const title = t('jury.title', { title: q.call.title[locale] });
    if (!q.juror.rulesAcceptedAt)
      return sendPage(
        reply,
        <Layout ctx={ctx} title={title}>
          <h1>{title}</h1>
          <h2>{t('jury.rules')}</h2>
          <calls.CallRules ctx={ctx} call={q.call} stages={q.stages} />
          <form method="post" action={`/jury/${q.call.slug}/accept`} class="stack" novalidate>
            <CsrfField ctx={ctx} />
            <fieldset>
              <legend>{t('jury.languages')}</legend>
              {(['fr', 'nl', 'en'] as const).map((l) => (
                <div>
                  <input type="checkbox" id={`f-lang-${l}`} name="languages" value={l} checked={l === locale} />
                  <label htmlFor={`f-lang-${l}`}>{t('content.languageName', { language: l })}</label>
                </div>
              ))}
            </fieldset>
            <div>
              <input type="checkbox" id="f-accept" name="accept" value="yes" required />
              <label htmlFor="f-accept">{t('jury.accept')}</label>
            </div>
            <button type="submit">{t('jury.start')}</button>
          </form>
        </Layout>,
      );
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <h2>{t('jury.queue')}</h2>
        <p>{t('jury.queueIntro')}</p>
        {q.items.length ? (
          <ol>
            {q.items.map((i) => (
              <li>
                <strong>{i.title || t('subs.untitled')}</strong>
                {i.organisation ? ` — ${t('jury.organisation', { name: i.organisation })}` : ''}
                {i.declared ? (
                  <>
                    {' '}
                    · {t(`jury.level.${i.declared}`)} · {i.reviewed ? `${t('jury.reviewed')} · ` : ''}
                    <a href={`/jury/${q.call.slug}/s/${i.id}`}>{t('jury.read')}</a>
                  </>
                ) : (
                  <form method="post" action={`/jury/${q.call.slug}/conflicts`} class="inline" novalidate>
                    <CsrfField ctx={ctx} />
                    <input type="hidden" name="submissionId" value={i.id} />
                    <label htmlFor={`f-level-${i.id}`}>{t('jury.declare')}</label>{' '}
                    <select id={`f-level-${i.id}`} name="level">
                      {(['none', 'soft', 'hard'] as const).map((l) => (
                        <option value={l}>{t(`jury.level.${l}`)}</option>
                      ))}
                    </select>{' '}
                    <button type="submit">{t('jury.declareButton')}</button>
                  </form>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">{t('jury.empty')}</p>
        )}
      </Layout>,
    );
  };
  app.get('/jury/:slug', queuePage);

  app.post('/jury/:slug/accept', { preHandler: app.csrfProtection }, async (req, reply) => {
    const body = (req.body ?? {}) as Form;
    const slug = (req.params as { slug: string }).slug;
    const langs = [body.languages ?? []].flat().filter((l): l is string => ['fr', 'nl', 'en'].includes(l ?? ''));
    if (one(body.accept) !== 'yes' || !langs.length)
      throw new AppError('validation', msg('jury.problem.acceptRules'), [
        { field: 'accept', message: msg('validation.required') },
      ]);
    const call = await calls.findCall(db, req.network, slug);
    await jury.acceptRules(db, req.network, req.user, call.id, langs);
    return reply.redirect(`/jury/${slug}`, 303);
  });

  app.post('/jury/:slug/conflicts', { preHandler: app.csrfProtection }, async (req, reply) => {
    const body = (req.body ?? {}) as Form;
    const slug = (req.params as { slug: string }).slug;
    const level = one(body.level);
    if (level !== 'none' && level !== 'soft' && level !== 'hard')
      throw new AppError('validation', msg('jury.problem.chooseLevel'), [
        { field: 'level', message: msg('validation.required') },
      ]);
    const call = await calls.findCall(db, req.network, slug);
    await jury.declareConflict(db, req.network, req.user, call.id, {
      submissionId: one(body.submissionId) ?? '',
      level,
    });
    return reply.redirect(`/jury/${slug}`, 303);
  });

  const reviewPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
    status = 200,
  ) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const { slug, id } = req.params as { slug: string; id: string };
    const v = await reviews.jurorView(db, req.network, req.user, slug, id);
    const others = v.own?.submittedAt ? await reviews.othersReviews(db, req.network, req.user, slug, id) : null;
    const closed = !!v.stage.closedAt;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={v.view.title || t('subs.untitled')}>
        <p>
          <a href={`/jury/${v.call.slug}`}>{t('jury.queue')}</a>
        </p>
        <calls.BlindSubmission
          ctx={ctx}
          call={v.call}
          view={v.view}
          fileHref={(f) => `/jury/${v.call.slug}/s/${id}/files/${f}`}
        />
        <h2>{t('jury.review')}</h2>
        {errors ? (
          <div class="errors" role="alert">
            <ul>
              {Object.entries(errors).map(([f, m]) => (
                <li>{`${f}: ${m}`}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {closed ? <p class="notice">{t('jury.closed')}</p> : null}
        <form method="post" action={`/jury/${v.call.slug}/s/${id}`} class="stack" novalidate>
          <CsrfField ctx={ctx} />
          {v.call.rules.criteria.map((c) => (
            <fieldset>
              <legend>
                {c.label[locale]}{' '}
                {c.independent ? `(${t('calls.independentCriteria')})` : `(${t('calls.weight', { weight: c.weight })})`}
              </legend>
              {c.scale.map((s) => (
                <span>
                  <input
                    type="radio"
                    id={`f-${c.key}-${s.value}`}
                    name={`score.${c.key}`}
                    value={String(s.value)}
                    checked={v.own?.scores[c.key] === s.value}
                    disabled={closed}
                  />
                  <label htmlFor={`f-${c.key}-${s.value}`}>{`${s.value} ${s.label[locale]}`}</label>{' '}
                </span>
              ))}
            </fieldset>
          ))}
          <label htmlFor="f-comment">{t('jury.comment')}</label>
          <textarea id="f-comment" name="comment" disabled={closed}>
            {v.own?.comment ?? ''}
          </textarea>
          <label htmlFor="f-applicantComment">{t('jury.applicantComment')}</label>
          <textarea id="f-applicantComment" name="applicantComment" disabled={closed}>
            {v.own?.applicantComment ?? ''}
          </textarea>
          <div>
            <input
              type="checkbox"
              id="f-abstain"
              name="abstain"
              value="yes"
              checked={v.own?.abstain ?? false}
              disabled={closed}
            />
            <label htmlFor="f-abstain">{t('jury.abstain')}</label>
          </div>
          {closed ? null : (
            <div>
              <button type="submit" name="action" value="save" class="secondary">
                {t('jury.save')}
              </button>{' '}
              <button type="submit" name="action" value="next">
                {t('jury.saveNext')}
              </button>
            </div>
          )}
        </form>
        <h2>{t('jury.others')}</h2>
        {others ? (
          <ul>
            {others.map((r) => (
              <li>
                {r.abstain
                  ? t('jury.abstain')
                  : Object.entries(r.scores)
                      .map(([k, s]) => `${k}: ${s}`)
                      .join(' · ')}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('jury.othersHidden')}</p>
        )}
      </Layout>,
      status,
    );
  };
  app.get('/jury/:slug/s/:id', (req, reply) => reviewPage(req, reply));
  // The review page's attachments: the API's twin takes only bearer tokens, a juror's browser has a session.
  const store = blobStoreFor(config);
  app.get('/jury/:slug/s/:id/files/:fileId', async (req, reply) => {
    const { slug, id, fileId } = req.params as { slug: string; id: string; fileId: string };
    const v = await reviews.jurorView(db, req.network, req.user, slug, id);
    return sendJurorFile(store, v.files, fileId, reply);
  });
  app.post('/jury/:slug/s/:id', { preHandler: app.csrfProtection }, async (req, reply) => {
    const body = (req.body ?? {}) as Form;
    const { slug, id } = req.params as { slug: string; id: string };
    const scores: Record<string, number> = {};
    for (const [k, v] of Object.entries(body))
      if (k.startsWith('score.') && one(v)) scores[k.slice(6)] = Number(one(v));
    const parsed = ReviewInputSchema.safeParse({
      scores,
      comment: one(body.comment) ?? '',
      applicantComment: one(body.applicantComment) ?? '',
      abstain: one(body.abstain) === 'yes',
      submit: true,
    });
    try {
      if (!parsed.success) throw new AppError('validation', msg('jury.problem.invalidReview'));
      const { next } = await reviews.saveReview(db, req.network, req.user, id, parsed.data);
      if (one(body.action) === 'next' && next) return reply.redirect(`/jury/${slug}/s/${next}`, 303);
      return reply.redirect(`/jury/${slug}/s/${id}?done=saved`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation') throw err;
      return reviewPage(req, reply, formErrors(err.errors), 400);
    }
  });
}
