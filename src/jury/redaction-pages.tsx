import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as calls from '../calls/service.js';
import type { Db } from '../db/connection.js';
import { AppError, notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { confirmRedaction } from './reviews.js';
import { RedactionSchema } from './schemas.js';
import * as jury from './service.js';

type Form = Record<string, string | string[] | undefined>;
const stageOf = (req: FastifyRequest) => Number((req.query as { stage?: string }).stage) || undefined;

/** Free text an organiser can redact: strings, and lists of strings (links), one per line. */
const asText = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join('\n') : null;

/**
 * Blind review: for each submission of a stage, the organisers read the system's proposal (known
 * identifiers taken out), correct it where applicants named themselves in other words, and
 * confirm the copy jurors will read. Identifiers are taken out again from whatever is confirmed.
 */
export function redactionPages(app: FastifyInstance, db: Db): void {
  app.get('/calls/:slug/redactions', async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const slug = (req.params as { slug: string }).slug;
    const call = await jury.managedCall(db, req.network, req.user, slug, 'confirm redactions in this call');
    const stages = await calls.stagesOf(db, call.id);
    const stage = stages.find((s) => s.position === stageOf(req)) ?? stages.find((s) => !s.closedAt) ?? stages.at(-1)!;
    const subs = await jury.stageSubmissions(db, call, stage);
    const co = await calls.coApplicantsOf(
      db,
      subs.map((s) => s.id),
    );
    const label = (key: string) => call.rules.fields.find((f) => f.key === key)?.label[locale] ?? key;
    const title = t('jury.redact.title', { title: call.title[locale] });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <p>
          <a href={`/calls/${call.slug}/jury?stage=${stage.position}`}>{t('jury.manage.back')}</a>
        </p>
        <p>{t(stage.blind ? 'jury.redact.intro' : 'jury.redact.notBlind', { stage: stage.name })}</p>
        {subs.length ? null : <p class="muted">{t('jury.manage.noSubmissions')}</p>}
        {subs.map((s) => {
          const proposal = calls.proposeRedaction(
            s,
            co.filter((c) => c.submissionId === s.id),
          );
          const base = s.redacted ?? proposal;
          return (
            <section>
              <h2>{s.title || t('subs.untitled')}</h2>
              <p class={s.redactionConfirmedAt ? '' : 'notice'}>
                {s.redactionConfirmedAt
                  ? t('jury.redact.confirmedOn', { date: calls.formatInstant(s.redactionConfirmedAt, locale) })
                  : t('jury.redact.pending')}
              </p>
              <form
                method="post"
                action={`/calls/${call.slug}/redactions/${s.id}?stage=${stage.position}`}
                class="stack"
                novalidate
              >
                <CsrfField ctx={ctx} />
                <label htmlFor={`f-${s.id}-title`}>{t('jury.redact.titleField')}</label>
                <input type="text" id={`f-${s.id}-title`} name="title" value={base.title} maxLength={300} />
                {Object.entries(base.answers).map(([k, v]) => {
                  const text = asText(v);
                  return text === null ? null : (
                    <>
                      <label htmlFor={`f-${s.id}-${k}`}>{label(k)}</label>
                      <textarea id={`f-${s.id}-${k}`} name={`answers.${k}`} rows={4}>
                        {text}
                      </textarea>
                    </>
                  );
                })}
                <div>
                  <button type="submit">{t('jury.redact.confirm')}</button>
                </div>
              </form>
            </section>
          );
        })}
      </Layout>,
    );
  });

  app.post('/calls/:slug/redactions/:id', { preHandler: app.csrfProtection }, async (req, reply) => {
    const { slug, id } = req.params as { slug: string; id: string };
    const body = (req.body ?? {}) as Form;
    const call = await jury.managedCall(db, req.network, req.user, slug, 'confirm redactions in this call');
    const s = (await calls.listSubmissions(db, call.id, 'submitted')).find((x) => x.id === id);
    if (!s) throw notFound(msg('jury.thing.submission'));
    // Answers that are not free text (numbers, choices, files) are kept as they are.
    const answers: Record<string, unknown> = { ...s.answers };
    for (const [k, v] of Object.entries(answers)) {
      const sent = body[`answers.${k}`];
      if (typeof sent !== 'string' || asText(v) === null) continue;
      answers[k] = Array.isArray(v) ? sent.split(/\r?\n/).filter((x) => x.trim()) : sent;
    }
    const input = RedactionSchema.safeParse({ title: typeof body.title === 'string' ? body.title : s.title, answers });
    if (!input.success)
      throw new AppError('validation', msg('error.validation'), [
        { field: 'title', message: msg('jury.redact.titleField') },
      ]);
    await confirmRedaction(db, req.network, req.user, id, input.data);
    return reply.redirect(`/calls/${slug}/redactions?stage=${stageOf(req) ?? ''}&done=saved#f-${id}-title`, 303);
  });
}
