// The venue form, its parsing, and the new-venue and edit pages.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../db/connection.js';
import { ErrorSummary, Field, Select, type FormErrors, type FormValues } from '../web/forms.js';
import type { Translations } from '../web/content.js';
import { currentLocale, isLocale, localeOr, locales, translator, type Locale } from '../web/i18n.js';
import { languageInput, languageValues, LanguageFields, parseWithLanguages } from '../web/language-fields.js';
import { AssignmentBlock } from '../web/assignments.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { authorize, isAdmin } from '../web/policy.js';
import { venuePolicy } from './policy.js';
import * as venues from './service.js';

type Params = { Params: { slug: string } };
type Form = { values: FormValues; errors: FormErrors };
const kinds = ['coworking', 'company', 'university', 'public', 'cafe', 'other'] as const;
const EXTRA_ROOM_ROWS = 2;
/** The venue's texts written in several languages. */
const VENUE_TEXTS = ['name', 'description'];

export function VenueFields({
  ctx,
  values,
  errors,
  roomCount,
}: {
  ctx: PageContext;
  values: FormValues;
  errors?: FormErrors;
  roomCount: number;
}) {
  const { t } = ctx;
  return (
    <>
      <LanguageFields
        ctx={ctx}
        values={values}
        errors={errors}
        fields={[
          { name: 'name', label: t('field.name'), required: true },
          { name: 'description', label: t('field.description'), multiline: true },
        ]}
      />
      {isAdmin(ctx.user) ? (
        <Field
          name="slug"
          label={`${t('field.slug')} (${t('form.optional')})`}
          help={t('field.slugHelp')}
          values={values}
          errors={errors}
        />
      ) : null}
      <Select
        name="kind"
        label={t('field.kind')}
        values={values}
        errors={errors}
        options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      />
      <Field name="address" label={t('field.address')} values={values} errors={errors} autocomplete="address-line1" />
      <Field name="city" label={t('field.city')} values={values} errors={errors} required />
      <Field
        name="affiliation"
        label={`${t('field.affiliation')} (${t('form.optional')})`}
        values={values}
        errors={errors}
      />
      <Field
        name="coworkers"
        type="number"
        min={0}
        label={`${t('field.coworkers')} (${t('form.optional')})`}
        values={values}
        errors={errors}
      />
      <Field
        name="website"
        type="url"
        label={`${t('field.website')} (${t('form.optional')})`}
        values={values}
        errors={errors}
      />
      <fieldset>
        <legend>{t('venue.coordinates')}</legend>
        <p class="help">{t('venue.coordinatesHelp')}</p>
        <div class="rooms-row">
          {(['latitude', 'longitude'] as const).map((name) => (
            <Field
              name={name}
              label={`${t(`field.${name}`)} (${t('form.optional')})`}
              values={values}
              errors={errors}
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('venue.rooms')}</legend>
        <p class="help">{t('admin.roomsHelp')}</p>
        {Array.from({ length: roomCount }, (_, i) => (
          <div class="rooms-row languages-row">
            {locales.map((lang) => (
              <Field
                name={roomField(i, lang)}
                label={`${t('venue.room')} ${i + 1} (${t('content.languageName', { language: lang })})`}
                values={values}
                errors={errors}
              />
            ))}
            <Field
              name={`room${i}_capacity`}
              type="number"
              min={1}
              label={t('venue.capacity')}
              values={values}
              errors={errors}
            />
          </div>
        ))}
        {errors?.rooms ? <p class="field-error">{errors.rooms}</p> : null}
      </fieldset>
    </>
  );
}

/** A room's name in one language: `room0_name.fr`; the one in the venue's language is the room's name. */
const roomField = (i: number, lang: Locale) => `room${i}_name.${lang}`;

/**
 * Room rows of the form (room0_name.fr, room0_name.nl, room0_capacity, …) → the API's `rooms` list,
 * named in the venue's language; empty rows are dropped. A plain `room0_name` is the venue's language.
 */
export function parseVenueForm<S extends z.ZodType>(schema: S, body: unknown) {
  const raw = { ...((body ?? {}) as Record<string, unknown>) };
  const posted = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  const texts = Object.fromEntries(Object.keys(raw).map((k) => [k, posted(k)]));
  const language = languageInput(texts, VENUE_TEXTS).language ?? (isLocale(raw.language) ? raw.language : 'fr');
  const rooms: { name: string; capacity: unknown; translations: Record<string, { name: string }> }[] = [];
  const roomErrors: FormErrors = {};
  const t = translator(currentLocale());
  for (let i = 0; Object.keys(raw).some((k) => k.startsWith(`room${i}_`)); i++) {
    const name = (posted(roomField(i, language)) || posted(`room${i}_name`)).trim();
    const capacity = posted(`room${i}_capacity`).trim();
    const others = locales.filter((l) => l !== language && posted(roomField(i, l)).trim());
    const translations = Object.fromEntries(others.map((l) => [l, { name: posted(roomField(i, l)) }]));
    if (!name && !capacity && !others.length) continue;
    if (!name) roomErrors[roomField(i, language)] = t('validation.required');
    if (!/^\d+$/.test(capacity) || Number(capacity) < 1)
      roomErrors[`room${i}_capacity`] = t('validation.min', { min: 1 });
    rooms.push({ name, capacity: Number(capacity), translations });
  }
  for (const k of Object.keys(raw)) if (/^room\d+_/.test(k)) delete raw[k];
  // Decimal degrees as people type them: "50,8466" (a Belgian decimal comma) or "50.8466"; empty clears.
  const degrees = (k: string) => {
    const v = posted(k).trim().replace(',', '.');
    return v === '' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  };
  const result = parseWithLanguages(
    schema,
    raw,
    VENUE_TEXTS,
    { numbers: ['coworkers'], nullable: ['coworkers', 'website'], omitEmpty: ['slug'] },
    { rooms, latitude: degrees('latitude'), longitude: degrees('longitude') },
  );
  const values = { ...result.values, ...formValuesOf(body, /^room\d+_/) };
  if (!result.ok || Object.keys(roomErrors).length)
    return { ok: false as const, errors: { ...(result.ok ? {} : result.errors), ...roomErrors }, values };
  return { ...result, values };
}

type VenueRooms = { name: string; capacity: number; language: string; translations?: Translations }[];

const formValuesOf = (body: unknown, keep: RegExp): FormValues =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).filter(
      (e): e is [string, string] => keep.test(e[0]) && typeof e[1] === 'string',
    ),
  );

export function roomValues(rooms: VenueRooms): FormValues {
  const values: FormValues = {};
  rooms.forEach((r, i) => {
    values[roomField(i, localeOr(r.language))] = r.name;
    values[`room${i}_capacity`] = String(r.capacity);
    for (const lang of locales)
      if (r.translations?.[lang]?.name) values[roomField(i, lang)] = r.translations[lang].name;
  });
  return values;
}

export const roomRows = (values: FormValues) =>
  new Set(Object.keys(values).flatMap((k) => /^room(\d+)_/.exec(k)?.[1] ?? [])).size + EXTRA_ROOM_ROWS;

export function newVenuePage(req: FastifyRequest, reply: FastifyReply, form?: Form) {
  const ctx = pageContext(req, reply);
  const values = form?.values ?? { kind: 'coworking', language: ctx.locale };
  return sendPage(
    reply,
    <Layout ctx={ctx} title={ctx.t('admin.newVenue')}>
      <h1>{ctx.t('admin.newVenue')}</h1>
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <form method="post" action="/admin/venues" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <VenueFields ctx={ctx} values={values} errors={form?.errors} roomCount={Math.max(roomRows(values), 3)} />
        <div>
          <button type="submit">{ctx.t('form.create')}</button>
        </div>
      </form>
    </Layout>,
    form ? 400 : 200,
  );
}

export async function editVenuePage(
  db: Db,
  req: FastifyRequest<Params>,
  reply: FastifyReply,
  forms: { venue?: Form; manager?: Form } = {},
  status = 200,
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const venue = await venues.findVenue(db, req.network, req.params.slug);
  authorize(req.user, await venuePolicy.edit(db, req.user, venue), `edit the venue ${venue.name}`);
  const rooms = (await venues.roomsOf(db, req.network, [venue.id])).get(venue.id) ?? [];
  const managers = await venues.listManagers(db, req.network, venue.id);
  const values: FormValues = forms.venue?.values ?? {
    ...languageValues(venue, VENUE_TEXTS),
    slug: venue.slug,
    kind: venue.kind,
    address: venue.address,
    city: venue.city,
    affiliation: venue.affiliation,
    coworkers: venue.coworkers === null ? '' : String(venue.coworkers),
    website: venue.website ?? '',
    latitude: venue.latitude === null ? '' : String(venue.latitude),
    longitude: venue.longitude === null ? '' : String(venue.longitude),
    ...roomValues(rooms),
  };
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('admin.editVenue', { name: venue.name })}>
      <h1>{t('admin.editVenue', { name: venue.name })}</h1>
      <p>
        <a href={`/venues/${venue.slug}`}>{t('admin.view')}</a> ·{' '}
        <a href={`/admin/venues/${venue.slug}/cover`}>{t('cover.link')}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={{ ...forms.venue?.errors, ...forms.manager?.errors }} />
      <form method="post" action={`/admin/venues/${venue.slug}`} class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <VenueFields ctx={ctx} values={values} errors={forms.venue?.errors} roomCount={roomRows(values)} />
        <div>
          <button type="submit">{t('form.save')}</button>
        </div>
      </form>
      <AssignmentBlock
        ctx={ctx}
        title={t('admin.managers')}
        people={managers}
        addTitle={t('admin.addManager')}
        action={`/admin/venues/${venue.slug}/managers`}
        canAdd={venuePolicy.manageManagers(req.user)}
        form={forms.manager}
      />
    </Layout>,
    status,
  );
}
