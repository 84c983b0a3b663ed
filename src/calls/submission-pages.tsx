import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor } from '../storage/service.js';
import { AppError } from '../web/errors.js';
import { ErrorSummary, formErrors, type FormErrors, validate } from '../web/forms.js';
import { SubmissionCreateSchema, SubmissionUpdateSchema } from './submission-schemas.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { BlindSubmission } from './components.js';
import { formatInstant } from './format.js';
import type { CallRow, SubmissionRow } from './queries.js';
import * as calls from './service.js';
import { sendAttachment } from './submission-routes.js';
import * as subs from './submissions.js';

type Form = Record<string, string | undefined>;

/** Form strings → the API's input: the same checks apply to both. */
function fromForm(call: CallRow, body: Form) {
  const answers: Record<string, unknown> = {};
  for (const f of call.rules.fields) {
    const raw = body[`a.${f.key}`];
    if (raw === undefined || f.kind === 'file') continue;
    const v = raw.trim();
    if (v === '') answers[f.key] = null;
    else if (f.kind === 'number') answers[f.key] = /^-?\d+$/.test(v) ? Number(v) : v;
    else if (f.kind === 'amount')
      answers[f.key] = /^\d+([.,]\d{1,2})?$/.test(v) ? Math.round(Number(v.replace(',', '.')) * 100) : v;
    else if (f.kind === 'links') answers[f.key] = v.split(/\s+/).filter(Boolean);
    else answers[f.key] = raw;
  }
  const eligibility = Object.fromEntries(call.rules.eligibility.map((q) => [q.key, body[`e.${q.key}`] === 'yes']));
  const co =
    body['co.name']?.trim() && body['co.email']?.trim()
      ? [{ name: body['co.name'].trim(), email: body['co.email'].trim().toLowerCase() }]
      : undefined;
  const lang = (v: string | undefined) => (v === 'fr' || v === 'nl' || v === 'en' ? v : undefined);
  return {
    title: body.title ?? '',
    organisation: body.organisation ?? '',
    language: lang(body.language),
    answers,
    eligibility,
    ...(co ? { coApplicants: co } : {}),
    submit: body.action === 'submit',
  };
}

function answerText(s: SubmissionRow | undefined, key: string, kind: string): string {
  const v = s?.answers[key];
  if (v === undefined || v === null) return '';
  if (kind === 'amount' && typeof v === 'number') return (v / 100).toFixed(2);
  return Array.isArray(v) ? v.join('\n') : String(v);
}

function SubmissionForm({
  ctx,
  call,
  action,
  s,
  errors,
}: {
  ctx: PageContext;
  call: CallRow;
  action: string;
  s?: SubmissionRow;
  errors?: FormErrors;
}) {
  const { t, locale } = ctx;
  const err = (k: string) => (errors?.[k] ? <p class="field-error">{errors[k]}</p> : null);
  return (
    <form method="post" action={action} class="stack" data-autosave="true">
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      {s ? null : (
        <>
          <div>
            <label htmlFor="f-name">{t('subs.name')}</label>
            <input id="f-name" name="name" required autoComplete="name" />
            {err('name')}
          </div>
          <div>
            <label htmlFor="f-email">{t('subs.email')}</label>
            <input id="f-email" name="email" type="email" required autoComplete="email" />
            {err('email')}
          </div>
        </>
      )}
      {call.kind === 'projects' ? (
        <div>
          <label htmlFor="f-organisation">{t('subs.organisation')}</label>
          <input id="f-organisation" name="organisation" value={s?.organisation ?? ''} autoComplete="organization" />
        </div>
      ) : null}
      <div>
        <label htmlFor="f-title">{t('subs.titleField')}</label>
        <input id="f-title" name="title" value={s?.title ?? ''} />
        {err('title')}
      </div>
      <div>
        <label htmlFor="f-language">{t('subs.language')}</label>
        <select id="f-language" name="language">
          {(['fr', 'nl', 'en'] as const).map((l) => (
            <option value={l} selected={(s?.language ?? locale) === l}>
              {l.toUpperCase()}
            </option>
          ))}
        </select>
      </div>
      {call.rules.eligibility.length ? (
        <fieldset>
          <legend>{t('calls.eligibility')}</legend>
          {call.rules.eligibility.map((q) => (
            <div>
              <input
                type="checkbox"
                id={`f-eligibility-${q.key}`}
                name={`e.${q.key}`}
                value="yes"
                checked={s?.eligibility[q.key] === true}
              />
              <label htmlFor={`f-eligibility-${q.key}`}>{q.label[locale]}</label>
              {err(`eligibility.${q.key}`)}
            </div>
          ))}
        </fieldset>
      ) : null}
      {call.rules.fields
        .filter((f) => f.kind !== 'file')
        .map((f) => {
          const id = `f-answers-${f.key}`;
          const label = `${f.label[locale]}${f.required ? ` (${t('calls.required')})` : ''}`;
          return (
            <div>
              <label htmlFor={id}>{label}</label>
              {f.kind === 'long_text' || f.kind === 'links' ? (
                <textarea id={id} name={`a.${f.key}`}>
                  {answerText(s, f.key, f.kind)}
                </textarea>
              ) : f.kind === 'choice' ? (
                <select id={id} name={`a.${f.key}`}>
                  <option value="">—</option>
                  {(f.options ?? []).map((o) => (
                    <option value={o.value} selected={s?.answers[f.key] === o.value}>
                      {o.label[locale]}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  name={`a.${f.key}`}
                  value={answerText(s, f.key, f.kind)}
                  inputMode={f.kind === 'number' || f.kind === 'amount' ? 'decimal' : undefined}
                />
              )}
              {f.kind === 'links' ? <p class="help">{t('subs.linksHelp')}</p> : null}
              {f.kind === 'amount' ? <p class="help">{t('subs.amountHelp')}</p> : null}
              {err(`answers.${f.key}`)}
            </div>
          );
        })}
      <fieldset>
        <legend>{t('subs.coApplicant')}</legend>
        <label htmlFor="f-co-name">{t('subs.name')}</label>
        <input id="f-co-name" name="co.name" />
        <label htmlFor="f-co-email">{t('subs.email')}</label>
        <input id="f-co-email" name="co.email" type="email" />
      </fieldset>
      <div>
        <button type="submit" name="action" value="draft" class="secondary">
          {t('subs.saveDraft')}
        </button>{' '}
        <button type="submit" name="action" value="submit">
          {t('subs.submit')}
        </button>
      </div>
    </form>
  );
}

const errorsOf = (err: unknown): FormErrors | null => {
  if (!(err instanceof AppError) || (err.code !== 'validation' && err.code !== 'conflict')) return null;
  const out: FormErrors = formErrors(err.errors);
  if (!err.errors.length) out['(body)'] = err.detail;
  return out;
};

/**
 * Drafts saved as the applicant types: two seconds after the last keystroke the form is posted as
 * "save draft" in the background. Without JavaScript the "Save draft" button does the same.
 */
const AUTOSAVE = `(() => {
  const form = document.querySelector('form[data-autosave][action^="/s/"]');
  if (!form) return;
  const status = document.getElementById('autosave-status');
  let timer;
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const body = new URLSearchParams(new FormData(form));
      body.set('action', 'draft');
      // Inviting a co-applicant waits for the button: a half-typed address must never be mailed.
      body.delete('co.name');
      body.delete('co.email');
      const res = await fetch(form.action, { method: 'POST', body, redirect: 'manual', credentials: 'same-origin' });
      if (status) status.textContent = res.type === 'opaqueredirect' || res.ok ? status.dataset.saved : status.dataset.failed;
    }, 2000);
  });
})();`;

/** Applicants' pages: apply without an account, come back by the secret link, preview the blind view. */
export function submissionPages(app: FastifyInstance, db: Db, config: Config): void {
  app.get('/assets/autosave.js', { schema: { hide: true } }, (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(AUTOSAVE),
  );
  const store = blobStoreFor(config.dataDir);
  const slugOf = (req: FastifyRequest) => (req.params as { slug: string }).slug;
  const secretOf = (req: FastifyRequest) => (req.params as { secret: string }).secret;

  const applyPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FormErrors, status = 200) => {
    const ctx = pageContext(req, reply);
    const call = await calls.findCall(db, req.network, slugOf(req));
    const state = calls.callState(call);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={call.title[ctx.locale]}>
        <h1>{call.title[ctx.locale]}</h1>
        <p>{ctx.t('calls.closes', { when: formatInstant(call.closesAt, ctx.locale) })}</p>
        {state === 'open' ? (
          <SubmissionForm ctx={ctx} call={call} action={`/calls/${call.slug}/apply`} errors={errors} />
        ) : (
          <p class="notice">{ctx.t(state === 'closed' ? 'calls.closed' : 'calls.notYetOpen')}</p>
        )}
      </Layout>,
      status,
    );
  };

  app.get('/calls/:slug/apply', (req, reply) => applyPage(req, reply));
  app.post(
    '/calls/:slug/apply',
    { preHandler: app.csrfProtection, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Form;
      const call = await calls.findCall(db, req.network, slugOf(req));
      try {
        const input = validate(
          SubmissionCreateSchema,
          { name: body.name ?? '', email: (body.email ?? '').trim(), ...fromForm(call, body) },
          {},
        );
        if (!input.ok) return applyPage(req, reply, input.errors, 400);
        const { secret } = await subs.startSubmission(db, req.network, req.user, call.id, input.data, {
          baseUrl: config.baseUrl,
          locale: req.locale,
        });
        return reply.redirect(`/s/${secret}?done=saved`, 303);
      } catch (err) {
        const errors = errorsOf(err);
        if (!errors) throw err;
        return applyPage(req, reply, errors, err instanceof AppError ? err.status : 400);
      }
    },
  );

  const mine = async (req: FastifyRequest, reply: FastifyReply, errors?: FormErrors, status = 200) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const { submission: s, call } = await subs.submissionBySecret(db, req.network, secretOf(req));
    const view = await subs.submissionView(db, req.network, s);
    const state = calls.callState(call);
    const base = `/s/${secretOf(req)}`;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={call.title[locale]}>
        <h1>{call.title[locale]}</h1>
        <p>
          {t(`subs.status.${s.status}`)} · {t('calls.closes', { when: formatInstant(call.closesAt, locale) })}
        </p>
        <p>
          <a href={`${base}/preview`}>{t('subs.preview')}</a>
          {state === 'closed' && s.status === 'submitted' ? (
            <>
              {' · '}
              <a href={`${base}/appeal`}>{t('jury.appeal.link')}</a>
            </>
          ) : null}
        </p>
        {state === 'open' && s.status !== 'withdrawn' ? (
          <>
            <SubmissionForm ctx={ctx} call={call} action={base} s={s} errors={errors} />
            <p
              id="autosave-status"
              role="status"
              data-saved={t('subs.autosaved')}
              data-failed={t('subs.autosaveFailed')}
            />
            <script src="/assets/autosave.js" defer />
            {call.rules.fields
              .filter((f) => f.kind === 'file')
              .map((f) => (
                <form method="post" action={`${base}/files/${f.key}`} enctype="multipart/form-data" class="stack">
                  <CsrfField ctx={ctx} />
                  <label htmlFor={`f-file-${f.key}`}>{f.label[locale]}</label>
                  <input id={`f-file-${f.key}`} type="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.webp,.docx" />
                  <p class="help">{t('subs.fileHelp')}</p>
                  {view.files.some((x) => x.field === f.key) ? <p>{t('subs.fileOk')}</p> : null}
                  <button type="submit" class="secondary">
                    {t('subs.upload')}
                  </button>
                </form>
              ))}
          </>
        ) : (
          <p class="notice">{t('calls.closed')}</p>
        )}
      </Layout>,
      status,
    );
  };

  app.get('/s/:secret', (req, reply) => mine(req, reply));
  app.post('/s/:secret', { preHandler: app.csrfProtection }, async (req, reply) => {
    const body = (req.body ?? {}) as Form;
    const { submission: s, call } = await subs.submissionBySecret(db, req.network, secretOf(req));
    try {
      const input = validate(SubmissionUpdateSchema, fromForm(call, body), {});
      if (!input.ok) return mine(req, reply, input.errors, 400);
      await subs.updateSubmission(db, req.network, { user: req.user, secret: secretOf(req) }, s.id, input.data, {
        baseUrl: config.baseUrl,
        locale: req.locale,
      });
      return reply.redirect(`/s/${secretOf(req)}?done=saved`, 303);
    } catch (err) {
      const errors = errorsOf(err);
      if (!errors) throw err;
      return mine(req, reply, errors, err instanceof AppError ? err.status : 400);
    }
  });

  app.get('/s/:secret/preview', async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { submission: s, call } = await subs.submissionBySecret(db, req.network, secretOf(req));
    const view = await subs.submissionView(db, req.network, s);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={ctx.t('subs.preview')}>
        <h1>{ctx.t('subs.preview')}</h1>
        <p>{ctx.t('subs.previewIntro')}</p>
        <BlindSubmission ctx={ctx} call={call} view={view.blind} fileHref={(id) => `/s/${secretOf(req)}/files/${id}`} />
        <p>
          <a href={`/s/${secretOf(req)}`}>{ctx.t('subs.back')}</a>
        </p>
      </Layout>,
    );
  });

  app.get('/s/:secret/files/:fileId', async (req, reply) => {
    const { submission: s } = await subs.submissionBySecret(db, req.network, secretOf(req));
    return sendAttachment(db, store, req.network, s.id, (req.params as { fileId: string }).fileId, reply);
  });

  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: 20 * 1_048_576, files: 1, fields: 3, parts: 4 },
      async onFile(part: MultipartFile) {
        const bytes = await part.toBuffer();
        (part as unknown as { value: unknown }).value = { bytes, truncated: part.file.truncated };
      },
    });
    scope.post('/s/:secret/files/:field', { preHandler: scope.csrfProtection }, async (req, reply) => {
      const { submission: s } = await subs.submissionBySecret(db, req.network, secretOf(req));
      const file = (req.body as { file?: { bytes: Buffer; truncated: boolean } } | undefined)?.file;
      const field = (req.params as { field: string }).field;
      try {
        if (file?.truncated)
          throw new AppError('payload_too_large', 'File too large.', [{ field, message: 'is too large' }]);
        await subs.attachFile(
          db,
          store,
          req.network,
          { user: req.user, secret: secretOf(req) },
          s.id,
          field,
          new Uint8Array(file?.bytes ?? []),
          { locale: req.locale },
        );
        return reply.redirect(`/s/${secretOf(req)}?done=saved`, 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const errors: FormErrors = formErrors(err.errors);
        if (!err.errors.length) errors[field] = err.detail;
        return mine(req, reply, errors, err.status);
      }
    });
  });
}
