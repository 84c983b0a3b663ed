import { regionCodes, regionName } from '../web/regions.js';
import { localizedText, type Multilingual } from '../web/content.js';
import type { FormErrors, FormValues } from '../web/forms.js';
import { Field } from '../web/forms.js';
import type { PageContext } from '../web/page.js';
import { CsrfField } from '../web/page.js';
import type { Segment } from './schemas.js';
import { fieldsetValues, isLanguageField, languageInput, LanguageFields } from '../web/language-fields.js';

const kinds = ['tech', 'generalist', 'other'] as const;

/** What the form keeps between a count and a send: the text fields and the ticked boxes. */
export interface InviteFormState {
  values: FormValues;
  chosen: { origin: string[]; residence: string[]; kinds: string[]; followed: string[] };
  errors?: FormErrors;
  /** Members matching, after "Count". */
  count?: number;
  /** The invitation as the first of them will read it, after "Count". */
  sample?: { name: string; subject: string; text: string } | null;
  /** What the event can still take, to warn before inviting more people than it has seats. */
  seats?: { left: number; waitlist: boolean };
}

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
const commaList = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
/** The invitation's text written in several languages. */
const MESSAGE = ['message'] as const;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A form body (repeated keys for ticked boxes, comma-separated text) → the segment and what to show again. */
export function readInviteForm(body: unknown): {
  state: InviteFormState;
  input: { segment: Segment; message?: string; expectedCount?: number };
  intent: string;
} {
  const b = (body ?? {}) as Record<string, unknown>;
  // The message side by side in three languages (web/language-fields.tsx), or one plain `message`.
  const texts = fieldsetValues(
    Object.fromEntries(
      Object.entries(b).filter((e): e is [string, string] => isLanguageField(e[0]) || e[0] === 'message'),
    ),
    MESSAGE,
  );
  const { language, texts: original, translations } = languageInput(texts, MESSAGE);
  const values: FormValues = {
    comeHome: str(b.comeHome),
    cities: str(b.cities),
    skills: str(b.skills),
    ...texts,
    ...(language ? { language } : {}),
  };
  const chosen = {
    origin: list(b.origin),
    residence: list(b.residence),
    kinds: list(b.kinds),
    followed: list(b.followed),
  };
  const segment: Record<string, unknown> = {};
  if (values.comeHome === 'on') segment.comeHome = true;
  for (const [k, v] of Object.entries(chosen)) if (v.length) segment[k] = v;
  if (commaList(values.cities).length) segment.cities = commaList(values.cities);
  if (commaList(values.skills).length) segment.skills = commaList(values.skills);
  // The count the organiser saw on the send button: the server sends only if it still holds.
  const expected = /^\d{1,7}$/.test(str(b.expected)) ? Number(str(b.expected)) : undefined;
  return {
    state: { values, chosen },
    input: {
      segment: segment as Segment,
      ...(original.message?.trim() ? { message: original.message } : {}),
      ...(language ? { language } : {}),
      ...(translations && Object.keys(translations).length ? { translations } : {}),
      ...(expected !== undefined ? { expectedCount: expected } : {}),
    },
    intent: str(b.intent),
  };
}

/** "segment.origin.0" → "origin": one error per form control. */
export function formErrorsOf(errors: FormErrors): FormErrors {
  const out: FormErrors = {};
  for (const [k, v] of Object.entries(errors))
    out[k.replace(/^segment\.?/, '').replace(/\.\d+$/, '') || 'segment'] ??= v;
  return out;
}

function Boxes({
  name,
  legend,
  options,
  chosen,
  error,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  chosen: string[];
  error?: string;
}) {
  return (
    <fieldset id={`f-${name}`} aria-describedby={error ? `f-${name}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <div>
          <input
            type="checkbox"
            id={`f-${name}-${o.value}`}
            name={name}
            value={o.value}
            checked={chosen.includes(o.value)}
          />{' '}
          <label htmlFor={`f-${name}-${o.value}`} class="inline">
            {o.label}
          </label>
        </div>
      ))}
      {error ? (
        <p class="field-error" id={`f-${name}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Before inviting more people than there are seats: said, not refused (some will not come). */
function SeatsWarning({
  ctx,
  count,
  seats,
}: {
  ctx: PageContext;
  count: number;
  seats: { left: number; waitlist: boolean };
}) {
  if (count <= seats.left) return null;
  const waitlist = seats.waitlist ? 'yes' : 'no';
  return (
    <p class="warning" id="seats-warning">
      {seats.left === 0
        ? ctx.t('invitations.seats.full', { waitlist })
        : ctx.t('invitations.seats.over', { count, seats: seats.left, waitlist })}
    </p>
  );
}

export function InviteForm({
  ctx,
  action,
  state,
  homeRegion,
  chapters,
  canSend,
}: {
  ctx: PageContext;
  action: string;
  state: InviteFormState;
  homeRegion: string | undefined;
  chapters: (Multilingual & { slug: string; name: string })[];
  canSend: boolean;
}) {
  const { t } = ctx;
  const errors = state.errors ?? {};
  const regions = regionCodes.map((code) => ({
    value: code,
    label: code === 'other' ? t('invitations.otherRegion') : regionName(code, ctx.locale),
  }));
  return (
    <form method="post" action={action} class="stack" novalidate>
      <CsrfField ctx={ctx} />
      <div id="f-segment">
        <input
          type="checkbox"
          id="f-comeHome"
          name="comeHome"
          checked={state.values.comeHome === 'on'}
          disabled={!homeRegion}
          aria-describedby="f-comeHome-help"
        />{' '}
        <label htmlFor="f-comeHome" class="inline">
          {t('invitations.form.comeHome')}
        </label>
        <p class="help" id="f-comeHome-help">
          {homeRegion
            ? t('invitations.form.comeHomeHelp', { region: regionName(homeRegion, ctx.locale) })
            : t('invitations.form.noRegion')}
        </p>
        {errors.comeHome ? <p class="field-error">{errors.comeHome}</p> : null}
        {errors.segment ? <p class="field-error">{errors.segment}</p> : null}
      </div>
      <Boxes
        name="origin"
        legend={t('invitations.form.origin')}
        options={regions}
        chosen={state.chosen.origin}
        error={errors.origin}
      />
      <Boxes
        name="residence"
        legend={t('invitations.form.residence')}
        options={regions}
        chosen={state.chosen.residence}
        error={errors.residence}
      />
      <Field
        name="cities"
        label={t('invitations.form.cities')}
        help={t('invitations.form.commaHelp', { example: 'Charleroi, Mons' })}
        values={state.values}
        errors={errors}
      />
      <Field
        name="skills"
        label={t('invitations.form.skills')}
        help={t('invitations.form.commaHelp', { example: 'PHP, Laravel' })}
        values={state.values}
        errors={errors}
      />
      <Boxes
        name="kinds"
        legend={t('invitations.form.kinds')}
        options={kinds.map((k) => ({ value: k, label: t(`invitations.kind.${k}`) }))}
        chosen={state.chosen.kinds}
        error={errors.kinds}
      />
      {chapters.length ? (
        <Boxes
          name="followed"
          legend={t('invitations.form.followed')}
          options={chapters.map((c) => ({ value: c.slug, label: localizedText(c, 'name', ctx.locale) }))}
          chosen={state.chosen.followed}
          error={errors.followed}
        />
      ) : null}
      <LanguageFields
        ctx={ctx}
        values={state.values}
        errors={errors}
        fields={[
          {
            name: 'message',
            label: t('invitations.form.message'),
            help: t('invitations.form.messageHelp'),
            multiline: true,
          },
        ]}
      />
      {state.count !== undefined ? (
        <p class="notice" role="status" id="segment-count">
          {t('invitations.form.matches', { count: state.count })}
        </p>
      ) : null}
      {state.count && state.seats ? <SeatsWarning ctx={ctx} count={state.count} seats={state.seats} /> : null}
      {state.sample ? (
        <section id="invitation-preview" aria-labelledby="invitation-preview-title">
          <h2 id="invitation-preview-title">{t('invitations.preview.title', { name: state.sample.name })}</h2>
          <p class="help">{t('invitations.preview.note')}</p>
          <p>
            <strong>{t('invitations.preview.subject', { subject: state.sample.subject })}</strong>
          </p>
          <pre class="mail-text">{state.sample.text}</pre>
        </section>
      ) : null}
      {canSend && state.count !== undefined && state.count > 0 ? (
        <p id="send-confirm">
          <input type="hidden" name="expected" value={String(state.count)} />
          {t('invitations.preview.confirm', { count: state.count })}
        </p>
      ) : null}
      <div>
        <button type="submit" name="intent" value="count">
          {t('invitations.form.count')}
        </button>{' '}
        {canSend && state.count !== undefined && state.count > 0 ? (
          <button type="submit" name="intent" value="send">
            {t('invitations.form.send', { count: state.count })}
          </button>
        ) : null}
      </div>
    </form>
  );
}
