import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { listVenues, roomsOf } from '../venues/service.js';
import { Field, type FormErrorKeys, type FormErrors, type FormValues, Select } from '../web/forms.js';
import { languageErrors, languageInput, LanguageFields } from '../web/language-fields.js';
import type { PageContext } from '../web/page.js';
import { QuestionFields, questionErrors, questionsInput } from './question-fields.js';
import { END_BEFORE_START } from './schemas.js';
import { fromWallClock, isTimeZone } from './time.js';
import { PlaceFields, venueInput } from './place-fields.js';

/** The zones the runtime knows, for the select; Europe/Brussels first (nearly every event). */
const zones = (current: string | undefined): string[] => {
  const all = Intl.supportedValuesOf('timeZone');
  const first = ['Europe/Brussels', ...(current && current !== 'Europe/Brussels' ? [current] : [])];
  return [...first, ...all.filter((z) => !first.includes(z))];
};

// The fields of the event form (new and edit), and how the form's values become the API's input.

const kinds = ['meetup', 'it-day', 'talk', 'conference', 'workshop'] as const;
const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The human repeat choices → an RRULE, from the weekday of the first date ("every first Thursday"). */
export function ruleFromChoice(repeat: string, date: string, count: string, custom: string): string | undefined {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  const day = DAYS[d.getUTCDay()]!;
  const nth = Math.ceil(d.getUTCDate() / 7);
  // Whatever was typed goes into the rule, so that a wrong count is reported rather than ignored.
  const n = count.trim() ? `;COUNT=${count.trim()}` : '';
  switch (repeat) {
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${day}${n}`;
    case 'monthly-nth':
      return `FREQ=MONTHLY;BYDAY=${nth}${day}${n}`;
    case 'monthly-last':
      return `FREQ=MONTHLY;BYDAY=-1${day}${n}`;
    case 'custom':
      return custom.trim();
    default:
      return undefined;
  }
}

/**
 * Date + times in a zone → the instants the API takes. An end time before the start is the next
 * day only when the organiser ticked "ends the next day"; otherwise it stays before the start and
 * the form says so (21:00 → 18:00 is far more often a typo than a 21-hour event).
 */
function instants(values: FormValues): { startsAt?: string; endsAt?: string } {
  // A mistyped zone is reported on the zone field alone: the times are read in the default zone
  // meanwhile, so that the date and end fields are not blamed for it.
  const tz = values.timeZone && isTimeZone(values.timeZone) ? values.timeZone : 'Europe/Brussels';
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.date ?? '');
  const start = /^(\d{2}):(\d{2})$/.exec(values.startTime ?? '');
  const end = /^(\d{2}):(\d{2})$/.exec(values.endTime ?? '');
  if (!date || !start) return {};
  try {
    const base = { year: +date[1]!, month: +date[2]!, day: +date[3]! };
    const s = fromWallClock({ ...base, hour: +start[1]!, minute: +start[2]! }, tz);
    // Without an end time the start is still right: only the end time is then blamed.
    if (!end) return { startsAt: s.toISOString() };
    let e = fromWallClock({ ...base, hour: +end[1]!, minute: +end[2]! }, tz);
    if (e <= s && values.overnight === 'on') e = new Date(e.getTime() + 86_400_000);
    return { startsAt: s.toISOString(), endsAt: e.toISOString() };
  } catch {
    return {};
  }
}

/** An event's texts written in several languages. */
export const EVENT_TEXTS = ['title', 'description'] as const;

export function formInput(values: FormValues, withRecurrence: boolean): Record<string, unknown> {
  const when = instants(values);
  const { language, texts, translations } = languageInput(values, EVENT_TEXTS);
  const input: Record<string, unknown> = {
    title: texts.title,
    description: texts.description ?? '',
    ...(language ? { language } : {}),
    ...(translations ? { translations } : {}),
    kind: values.kind,
    startsAt: when.startsAt ?? values.date,
    endsAt: when.endsAt ?? values.date,
    timeZone: values.timeZone || 'Europe/Brussels',
    venue: venueInput(values.venue),
    room: values.room || null,
    onlineUrl: values.onlineUrl?.trim() || null,
    guestRegistration: values.guestRegistration === 'on',
    waitlist: values.waitlist === 'on',
    status: values.publish === 'on' ? 'published' : 'draft',
  };
  const questions = questionsInput(values, language ?? 'fr');
  if (questions) input.questions = questions;
  if (values.capacity?.trim())
    // A negative number stays a number, so that it is told "at least 1" rather than "a whole number".
    input.capacity = /^-?\d+$/.test(values.capacity.trim()) ? Number(values.capacity) : values.capacity;
  if (withRecurrence) {
    const rrule = ruleFromChoice(values.repeat ?? 'none', values.date ?? '', values.count ?? '', values.rrule ?? '');
    if (rrule !== undefined) input.recurrence = { rrule };
  }
  return input;
}

/**
 * Errors on the API's fields shown on the form's fields; an empty field they are built from is
 * "required". With `t`, the end-before-start error is said in the organiser's language.
 */
export function mapErrors(
  errors: FormErrors,
  values: FormValues = {},
  t?: PageContext['t'],
  keys: FormErrorKeys = {},
): FormErrors {
  // The schema's "end before start" (known by its key, whatever the language) becomes the form's, which names the overnight box.
  if (t && keys.endsAt === END_BEFORE_START) errors = { ...errors, endsAt: t('event.form.endBeforeStart') };
  const map: Record<string, [field: string, inputs: string[]]> = {
    startsAt: ['date', ['date', 'startTime']],
    endsAt: ['endTime', ['date', 'endTime']],
    'recurrence.rrule': ['rrule', []],
  };
  const out: FormErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    const [field, inputs] = map[k] ?? [k, []];
    const empty = inputs.find((f) => !values[f]?.trim());
    if (empty) out[empty] ??= t ? t('validation.required') : 'is required';
    else out[field] ??= v;
  }
  // The texts' errors on their language's fieldset, the questions' on their row.
  const language = languageInput(values, EVENT_TEXTS).language ?? 'fr';
  return questionErrors(languageErrors(out, language, EVENT_TEXTS), values, language);
}

export async function EventFields({
  ctx,
  db,
  req,
  values,
  errors,
  withRecurrence,
}: {
  ctx: PageContext;
  db: Db;
  req: FastifyRequest;
  values: FormValues;
  errors?: FormErrors;
  withRecurrence: boolean;
}) {
  const { t } = ctx;
  const venues = await listVenues(db, req.network, { limit: 500 });
  const rooms = await roomsOf(
    db,
    req.network,
    venues.map((v) => v.id),
  );
  return (
    <>
      <LanguageFields
        ctx={ctx}
        values={values}
        errors={errors}
        fields={[
          { name: 'title', label: t('field.title'), required: true },
          { name: 'description', label: t('field.description'), multiline: true, help: 'Markdown' },
        ]}
      />
      <Select
        name="kind"
        label={t('field.eventKind')}
        values={values}
        errors={errors}
        options={kinds.map((k) => ({ value: k, label: t(`kindEvent.${k}`) }))}
      />
      <Field name="date" type="date" label={t('field.date')} values={values} errors={errors} required />
      <div class="rooms-row">
        <Field name="startTime" type="time" label={t('field.startTime')} values={values} errors={errors} required />
        <Field name="endTime" type="time" label={t('field.endTime')} values={values} errors={errors} required />
      </div>
      <div class="check">
        <input type="checkbox" id="f-overnight" name="overnight" checked={values.overnight === 'on'} />
        <label htmlFor="f-overnight">{t('event.form.overnight')}</label>
      </div>
      <Select
        name="timeZone"
        label={t('field.timeZone')}
        values={values}
        errors={errors}
        options={zones(values.timeZone).map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))}
      />
      <PlaceFields ctx={ctx} venues={venues} rooms={rooms} values={values} errors={errors} />
      <Field
        name="onlineUrl"
        type="url"
        label={`${t('field.onlineUrl')} (${t('form.optional')})`}
        values={values}
        errors={errors}
      />
      <Field
        name="capacity"
        type="number"
        min={1}
        label={t('field.capacity')}
        help={t('field.capacityHelp')}
        values={values}
        errors={errors}
      />
      <div>
        <input
          type="checkbox"
          id="f-guestRegistration"
          name="guestRegistration"
          checked={values.guestRegistration === 'on'}
        />{' '}
        <label htmlFor="f-guestRegistration" class="inline">
          {t('field.guests')}
        </label>
      </div>
      <div>
        <input type="checkbox" id="f-waitlist" name="waitlist" checked={values.waitlist === 'on'} />{' '}
        <label htmlFor="f-waitlist" class="inline">
          {t('field.waitlist')}
        </label>
      </div>
      <div>
        <input type="checkbox" id="f-publish" name="publish" checked={values.publish === 'on'} />{' '}
        <label htmlFor="f-publish" class="inline">
          {t('field.publish')}
        </label>
      </div>
      <QuestionFields ctx={ctx} values={values} errors={errors} />
      {withRecurrence ? (
        <fieldset>
          <legend>{t('field.repeat')}</legend>
          <Select
            name="repeat"
            label={t('field.repeat')}
            values={values}
            errors={errors}
            options={[
              { value: 'none', label: t('repeat.none') },
              { value: 'weekly', label: t('repeat.weekly') },
              { value: 'monthly-nth', label: t('repeat.monthlyNth') },
              { value: 'monthly-last', label: t('repeat.monthlyLast') },
              { value: 'custom', label: t('repeat.custom') },
            ]}
          />
          <Field
            name="count"
            type="number"
            min={1}
            label={`${t('field.count')} (${t('form.optional')})`}
            values={values}
            errors={errors}
          />
          <Field
            name="rrule"
            label={t('field.rrule')}
            values={values}
            errors={errors}
            help="FREQ=MONTHLY;BYDAY=1TH;COUNT=12"
          />
        </fieldset>
      ) : null}
    </>
  );
}
