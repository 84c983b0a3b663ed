// The applicant's form (new and returning), its reading back into the API's input, and the draft autosave.
import { AppError } from '../web/errors.js';
import { ErrorSummary, formErrors, type FormErrors } from '../web/forms.js';
import { CsrfField, type PageContext } from '../web/page.js';
import type { CallRow, SubmissionRow } from './queries.js';

export type Form = Record<string, string | undefined>;

/** Form strings → the API's input: the same checks apply to both. */
export function fromForm(call: CallRow, body: Form) {
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

export function SubmissionForm({
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
    <form method="post" action={action} class="stack" data-autosave="true" novalidate>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      {s ? null : (
        <>
          <div>
            <label htmlFor="f-name">{t('subs.name')}</label>
            <input type="text" id="f-name" name="name" required autoComplete="name" />
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
          <input
            type="text"
            id="f-organisation"
            name="organisation"
            value={s?.organisation ?? ''}
            autoComplete="organization"
          />
        </div>
      ) : null}
      <div>
        <label htmlFor="f-title">{t('subs.titleField')}</label>
        <input type="text" id="f-title" name="title" value={s?.title ?? ''} />
        {err('title')}
      </div>
      <div>
        <label htmlFor="f-language">{t('subs.language')}</label>
        <select id="f-language" name="language">
          {(['fr', 'nl', 'en'] as const).map((l) => (
            <option value={l} selected={(s?.language ?? locale) === l}>
              {t('content.languageName', { language: l })}
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
                  type="text"
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
        <input type="text" id="f-co-name" name="co.name" />
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

export const errorsOf = (err: unknown): FormErrors | null => {
  if (!(err instanceof AppError) || (err.code !== 'validation' && err.code !== 'conflict')) return null;
  const out: FormErrors = formErrors(err.errors);
  if (!err.errors.length) out['(body)'] = err.detail;
  return out;
};

/**
 * Drafts saved as the applicant types: two seconds after the last keystroke the form is posted as
 * "save draft" in the background. Without JavaScript the "Save draft" button does the same.
 */
export const AUTOSAVE = `(() => {
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
