// The venue form, its parsing, and the new-venue and edit pages.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../db/connection.js';
import { ErrorSummary, Field, Select, validate, type FormErrors, type FormValues } from '../web/forms.js';
import { AssignmentBlock } from '../web/assignments.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { authorize, isAdmin } from '../web/policy.js';
import { venuePolicy } from './policy.js';
import * as venues from './service.js';

type Params = { Params: { slug: string } };
type Form = { values: FormValues; errors: FormErrors };
const kinds = ['coworking', 'company', 'university', 'public', 'cafe', 'other'] as const;
const EXTRA_ROOM_ROWS = 2;

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
      <Field name="name" label={t('field.name')} values={values} errors={errors} required />
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
      <Field name="address" label={t('field.address')} values={values} errors={errors} autocomplete="street-address" />
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
      <Field name="description" label={t('field.description')} values={values} errors={errors} multiline />
      <fieldset>
        <legend>{t('venue.rooms')}</legend>
        <p class="help">{t('admin.roomsHelp')}</p>
        {Array.from({ length: roomCount }, (_, i) => (
          <div class="rooms-row">
            <Field name={`room${i}_name`} label={`${t('venue.room')} ${i + 1}`} values={values} errors={errors} />
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

/** Room rows of the form (room0_name, room0_capacity, …) → the API's `rooms` list; empty rows are dropped. */
export function parseVenueForm<S extends z.ZodType>(schema: S, body: unknown) {
  const raw = (body ?? {}) as Record<string, string>;
  const values: FormValues = {};
  const input: Record<string, unknown> = {};
  const rooms: { name: string; capacity: unknown }[] = [];
  const roomErrors: FormErrors = {};
  for (const [k, v] of Object.entries(raw)) if (k !== '_csrf' && typeof v === 'string') values[k] = v;
  for (const [k, v] of Object.entries(values)) {
    const room = /^room(\d+)_(name|capacity)$/.exec(k);
    if (room) continue;
    if (k === 'coworkers') input[k] = v.trim() === '' ? null : /^\d+$/.test(v.trim()) ? Number(v) : v;
    else if (k === 'website') input[k] = v.trim() === '' ? null : v.trim();
    else if (k === 'slug' && v.trim() === '') continue;
    else input[k] = v;
  }
  for (let i = 0; `room${i}_name` in values; i++) {
    const name = (values[`room${i}_name`] ?? '').trim();
    const capacity = (values[`room${i}_capacity`] ?? '').trim();
    if (!name && !capacity) continue;
    if (!name) roomErrors[`room${i}_name`] = 'is required';
    if (!/^\d+$/.test(capacity) || Number(capacity) < 1)
      roomErrors[`room${i}_capacity`] = 'must be a whole number of at least 1';
    rooms.push({ name, capacity: Number(capacity) });
  }
  input.rooms = rooms;
  const result = validate(schema, input, values);
  if (Object.keys(roomErrors).length)
    return { ok: false as const, errors: { ...(result.ok ? {} : result.errors), ...roomErrors }, values };
  return result;
}

export function roomValues(rooms: { name: string; capacity: number }[]): FormValues {
  const values: FormValues = {};
  rooms.forEach((r, i) => {
    values[`room${i}_name`] = r.name;
    values[`room${i}_capacity`] = String(r.capacity);
  });
  return values;
}

export const roomRows = (values: FormValues) =>
  Object.keys(values).filter((k) => /^room\d+_name$/.test(k)).length + EXTRA_ROOM_ROWS;

export function newVenuePage(req: FastifyRequest, reply: FastifyReply, form?: Form) {
  const ctx = pageContext(req, reply);
  const values = form?.values ?? { kind: 'coworking' };
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
    name: venue.name,
    slug: venue.slug,
    kind: venue.kind,
    address: venue.address,
    city: venue.city,
    affiliation: venue.affiliation,
    coworkers: venue.coworkers === null ? '' : String(venue.coworkers),
    website: venue.website ?? '',
    description: venue.description,
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
