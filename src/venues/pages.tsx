import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AssignPersonSchema } from '../chapters/schemas.js';
import type { Db } from '../db/connection.js';
import {
  ErrorSummary,
  Field,
  filled,
  formError,
  formValues,
  parseForm,
  Section,
  Select,
  validate,
  type FormErrors,
  type FormValues,
} from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { FeedLinks } from '../feeds/components.js';
import { authorize, isAdmin, refusal } from '../web/policy.js';
import { venueManagePages } from './manage-pages.js';
import { CHANGE_SLUG, venuePolicy } from './policy.js';
import { VenueCreateSchema, VenueUpdateSchema } from './schemas.js';
import * as venues from './service.js';

type Params = { Params: { slug: string } };
type Form = { values: FormValues; errors: FormErrors };
const kinds = ['coworking', 'company', 'university', 'public', 'cafe', 'other'] as const;
const EXTRA_ROOM_ROWS = 2;

async function venueListPage(db: Db, req: FastifyRequest, reply: FastifyReply) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const rows = await venues.listVenues(db, req.network, { limit: 500 });
  const rooms = await venues.roomsOf(
    db,
    req.network,
    rows.map((v) => v.id),
  );
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('venue.list')}>
      <h1>{t('venue.list')}</h1>
      {rows.length ? (
        <ul class="cards">
          {rows.map((v) => (
            <li class="card">
              <h2>
                <a href={`/venues/${v.slug}`}>{v.name}</a>
              </h2>
              <p>
                {t(`kind.${v.kind}`)} · {v.city}
              </p>
              {(rooms.get(v.id) ?? []).length ? (
                <p class="muted">
                  {(rooms.get(v.id) ?? [])
                    .map((r) => `${r.name}: ${t('venue.seats', { count: r.capacity })}`)
                    .join(' · ')}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('venue.none')}</p>
      )}
      {venuePolicy.create(req.user) ? (
        <p>
          <a href="/admin/venues/new">{t('admin.newVenue')}</a>
        </p>
      ) : null}
    </Layout>,
  );
}

async function venuePage(db: Db, req: FastifyRequest<Params>, reply: FastifyReply) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const venue = await venues.findVenue(db, req.network, req.params.slug);
  const rooms = (await venues.roomsOf(db, req.network, [venue.id])).get(venue.id) ?? [];
  const chapters = (await venues.hostedChapters(db, req.network, [venue.id])).get(venue.id) ?? [];
  return sendPage(
    reply,
    <Layout ctx={ctx} title={venue.name}>
      <h1>{venue.name}</h1>
      <dl>
        <dt>{t('venue.kind')}</dt>
        <dd>{t(`kind.${venue.kind}`)}</dd>
        <dt>{t('venue.address')}</dt>
        <dd>{[venue.address, venue.city].filter(Boolean).join(', ')}</dd>
        {venue.affiliation ? (
          <>
            <dt>{t('venue.affiliation')}</dt>
            <dd>{venue.affiliation}</dd>
          </>
        ) : null}
        {venue.coworkers !== null ? (
          <>
            <dt>{t('venue.coworkers')}</dt>
            <dd>{new Intl.NumberFormat(ctx.locale).format(venue.coworkers)}</dd>
          </>
        ) : null}
        {venue.website ? (
          <>
            <dt>{t('venue.website')}</dt>
            <dd>
              <a href={venue.website} rel="noopener nofollow">
                {venue.website}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {venue.description ? <p style="white-space: pre-line">{venue.description}</p> : null}
      <Section title={t('venue.rooms')}>
        {rooms.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('venue.room')}</th>
                  <th scope="col">{t('venue.capacity')}</th>
                </tr>
              </thead>
              <tbody>
                {rooms.map((r) => (
                  <tr>
                    <td>{r.name}</td>
                    <td>{t('venue.seats', { count: r.capacity })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{t('venue.noRooms')}</p>
        )}
      </Section>
      {chapters.length ? (
        <Section title={t('venue.hosts')}>
          <ul>
            {chapters.map((c) => (
              <li>
                <a href={`/chapters/${c.slug}`}>{c.name}</a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <FeedLinks ctx={ctx} base={`/venues/${venue.slug}`} rss={false} />
      {(await venuePolicy.edit(db, req.user, venue)) ? (
        <p>
          <a href={`/admin/venues/${venue.slug}`}>{t('admin.edit')}</a>
        </p>
      ) : null}
      {(await venuePolicy.seeActivity(db, req.user, venue)) ? (
        <p>
          <a href={`/venues/${venue.slug}/manage`}>{t('consent.manage.link')}</a>
        </p>
      ) : null}
    </Layout>,
  );
}

function VenueFields({
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
function parseVenueForm<S extends z.ZodType>(schema: S, body: unknown) {
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

function roomValues(rooms: { name: string; capacity: number }[]): FormValues {
  const values: FormValues = {};
  rooms.forEach((r, i) => {
    values[`room${i}_name`] = r.name;
    values[`room${i}_capacity`] = String(r.capacity);
  });
  return values;
}

const roomRows = (values: FormValues) =>
  Object.keys(values).filter((k) => /^room\d+_name$/.test(k)).length + EXTRA_ROOM_ROWS;

function newVenuePage(req: FastifyRequest, reply: FastifyReply, form?: Form) {
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

async function editVenuePage(
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
        <a href={`/venues/${venue.slug}`}>{t('admin.view')}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={{ ...forms.venue?.errors, ...forms.manager?.errors }} />
      <form method="post" action={`/admin/venues/${venue.slug}`} class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <VenueFields ctx={ctx} values={values} errors={forms.venue?.errors} roomCount={roomRows(values)} />
        <div>
          <button type="submit">{t('form.save')}</button>
        </div>
      </form>
      <Section title={t('admin.managers')}>
        {managers.length ? (
          <ul>
            {managers.map((m) => (
              <li>
                {m.name} <span class="muted">&lt;{m.email}&gt;</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('admin.nothing')}</p>
        )}
        {venuePolicy.manageManagers(req.user) ? (
          <form method="post" action={`/admin/venues/${venue.slug}/managers`} class="stack" novalidate>
            <h3>{t('admin.addManager')}</h3>
            <CsrfField ctx={ctx} />
            <Field
              name="email"
              type="email"
              label={t('admin.accountEmail')}
              values={forms.manager?.values}
              errors={forms.manager?.errors}
              required
            />
            <div>
              <button type="submit">{t('form.add')}</button>
            </div>
          </form>
        ) : null}
      </Section>
    </Layout>,
    status,
  );
}

export function venuePages(app: FastifyInstance, db: Db): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get('/venues', (req, reply) => venueListPage(db, req, reply));
  app.get<Params>('/venues/:slug', (req, reply) => venuePage(db, req, reply));
  venueManagePages(app, db);

  app.get('/admin/venues/new', (req, reply) => {
    authorize(req.user, venuePolicy.create(req.user), 'create venues');
    return newVenuePage(req, reply);
  });

  app.post('/admin/venues', csrf, async (req, reply) => {
    authorize(req.user, venuePolicy.create(req.user), 'create venues');
    const form = parseVenueForm(VenueCreateSchema, req.body);
    if (!form.ok) return newVenuePage(req, reply, form);
    try {
      const row = await venues.createVenue(db, req.network, form.data);
      return reply.redirect(`/admin/venues/${row.slug}?done=created`, 303);
    } catch (err) {
      return newVenuePage(req, reply, formError(err, form.values));
    }
  });

  app.get<Params>('/admin/venues/:slug', (req, reply) => editVenuePage(db, req, reply));

  app.post<Params>('/admin/venues/:slug', csrf, async (req, reply) => {
    const venue = await venues.findVenue(db, req.network, req.params.slug);
    authorize(req.user, await venuePolicy.edit(db, req.user, venue), `edit the venue ${venue.name}`);
    // Managers edit the venue and its rooms; its URL name stays with the network's admins. The form
    // answers as the API does (403, said on the form) instead of dropping the field silently.
    const body = { ...(req.body as Record<string, unknown>) };
    if (!venuePolicy.changeSlug(req.user) && filled(body.slug))
      return editVenuePage(
        db,
        req,
        reply,
        { venue: { values: formValues(body), errors: { '(form)': refusal(CHANGE_SLUG) } } },
        403,
      );
    const form = parseVenueForm(VenueUpdateSchema, body);
    if (!form.ok) return editVenuePage(db, req, reply, { venue: form }, 400);
    try {
      const row = await venues.updateVenue(db, req.network, req.params.slug, form.data);
      return reply.redirect(`/admin/venues/${row.slug}?done=saved`, 303);
    } catch (err) {
      return editVenuePage(db, req, reply, { venue: formError(err, form.values) }, 409);
    }
  });

  app.post<Params>('/admin/venues/:slug/managers', csrf, async (req, reply) => {
    authorize(req.user, venuePolicy.manageManagers(req.user), 'appoint venue managers');
    const form = parseForm(AssignPersonSchema, req.body);
    if (!form.ok) return editVenuePage(db, req, reply, { manager: form }, 400);
    try {
      await venues.addManager(db, req.network, req.params.slug, form.data.email);
      return reply.redirect(`/admin/venues/${req.params.slug}?done=added`, 303);
    } catch (err) {
      return editVenuePage(db, req, reply, { manager: formError(err, form.values) }, 404);
    }
  });
}
