import { LatestNews, latestArticles } from '../news/pages.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import type { PartnershipView } from '../partnerships/schemas.js';
import { PartnershipCreateSchema } from '../partnerships/schemas.js';
import { createPartnership, listPartnerships, updatePartnership } from '../partnerships/service.js';
import { listVenues } from '../venues/service.js';
import { AppError } from '../web/errors.js';
import {
  ErrorSummary,
  Field,
  formError,
  parseForm,
  Section,
  Select,
  type FormErrors,
  type FormValues,
} from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { authorize, isAdmin } from '../web/policy.js';
import { chapterPolicy } from './policy.js';
import {
  AssignPersonSchema,
  ChapterCreateSchema,
  ChapterUpdateSchema,
  InterestCreateSchema,
  NotifySchema,
} from './schemas.js';
import { requireUser } from '../web/context.js';
import * as chapters from './service.js';
import { upcomingEvents } from '../events/service.js';
import { EventListItem } from '../events/pages.js';
import { FeedAlternates, FeedLinks } from '../feeds/meta.js';
import { FollowForm } from '../members/follow-form.js';
import { isFollowing } from '../members/follow.js';

type Chapter = chapters.ChapterRow;
type Params = { Params: { slug: string } };

export function InterestForm({
  ctx,
  chapter,
  values,
  errors,
}: {
  ctx: PageContext;
  chapter: { slug: string; name: string };
  values?: FormValues;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  const prefix = `interest-${chapter.slug}`;
  return (
    <form method="post" action={`/chapters/${chapter.slug}/interest`} class="stack" aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`}>{t('interest.title')}</h4>
      <CsrfField ctx={ctx} />
      <div>
        <label htmlFor={`${prefix}-name`}>{t('interest.name')}</label>
        <input
          id={`${prefix}-name`}
          name="name"
          required
          autoComplete="name"
          value={values?.name ?? ''}
          aria-invalid={errors?.name ? 'true' : undefined}
        />
        {errors?.name ? <p class="field-error">{errors.name}</p> : null}
      </div>
      <div>
        <label htmlFor={`${prefix}-email`}>{t('interest.email')}</label>
        <input
          id={`${prefix}-email`}
          name="email"
          type="email"
          required
          autoComplete="email"
          value={values?.email ?? ''}
          aria-invalid={errors?.email ? 'true' : undefined}
        />
        {errors?.email ? <p class="field-error">{errors.email}</p> : null}
      </div>
      <div>
        <button type="submit">{t('interest.submit')}</button>
      </div>
    </form>
  );
}

function StatusBadge({ ctx, status }: { ctx: PageContext; status: Chapter['status'] }) {
  return <span class="badge">{ctx.t(`status.${status}`)}</span>;
}

async function chapterPage(
  db: Db,
  req: FastifyRequest<Params>,
  reply: FastifyReply,
  form?: { values: FormValues; errors: FormErrors },
  status = 200,
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const chapter = await chapters.findChapter(db, req.network, req.params.slug);
  const hosts = (await chapters.hostVenues(db, req.network, [chapter.id])).get(chapter.id) ?? [];
  const organizers = await chapters.listOrganizers(db, req.network, chapter.id);
  const canSeeInterest = await chapterPolicy.seeInterest(db, req.user, chapter);
  const interest = canSeeInterest
    ? ((await chapters.interestCounts(db, req.network, [chapter.id])).get(chapter.id) ?? 0)
    : undefined;
  const query = req.query as Record<string, string | undefined>;
  const upcoming = await upcomingEvents(db, req.network, { chapterId: chapter.id, limit: 20 });
  const latestNews = await latestArticles(db, req.network, chapter.slug);
  return sendPage(
    reply,
    <Layout ctx={ctx} title={chapter.name} head={<FeedAlternates ctx={ctx} chapter={chapter} />}>
      <h1>
        {chapter.name} <StatusBadge ctx={ctx} status={chapter.status} />
      </h1>
      {query.interest === 'new' ? (
        <p class="notice" role="status">
          {t('interest.thanks', { chapter: chapter.name })}
        </p>
      ) : null}
      {query.interest === 'known' ? (
        <p class="notice" role="status">
          {t('interest.already', { chapter: chapter.name })}
        </p>
      ) : null}
      <dl>
        <dt>{t('chapter.city')}</dt>
        <dd>{chapter.city}</dd>
        {chapter.region ? (
          <>
            <dt>{t('chapter.region')}</dt>
            <dd>{chapter.region}</dd>
          </>
        ) : null}
      </dl>
      {chapter.description ? <p style="white-space: pre-line">{chapter.description}</p> : null}
      {chapter.status !== 'planned' ? (
        <Section title={t('event.upcoming')}>
          {upcoming.length ? (
            <ul>
              {upcoming.map((e) => (
                <EventListItem ctx={ctx} e={e} />
              ))}
            </ul>
          ) : (
            <p class="muted">{t('event.noUpcoming')}</p>
          )}
          <FeedLinks ctx={ctx} base={`/chapters/${chapter.slug}`} />
        </Section>
      ) : null}
      <LatestNews ctx={ctx} views={latestNews} more={`/chapters/${chapter.slug}/news`} />
      <Section title={t('chapter.hosts')}>
        {hosts.length ? (
          <ul>
            {hosts.map((v) => (
              <li>
                <a href={`/venues/${v.slug}`}>{v.name}</a> <span class="muted">({v.city})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('home.noHost')}</p>
        )}
      </Section>
      {organizers.length ? (
        <Section title={t('chapter.organizers')}>
          <ul>
            {organizers.map((o) => (
              <li>{o.name}</li>
            ))}
          </ul>
        </Section>
      ) : null}
      {interest !== undefined ? <p class="muted">{t('interest.count', { count: interest })}</p> : null}
      <FollowForm
        ctx={ctx}
        chapter={chapter}
        following={req.user ? await isFollowing(db, req.network.id, req.user.id, chapter.id) : false}
      />
      {chapter.status === 'planned' ? (
        <InterestForm ctx={ctx} chapter={chapter} values={form?.values} errors={form?.errors} />
      ) : null}
      {(await chapterPolicy.edit(db, req.user, chapter)) ? (
        <p>
          <a href={`/admin/chapters/${chapter.slug}`}>{t('admin.edit')}</a>
        </p>
      ) : null}
    </Layout>,
    status,
  );
}

const statusOptions = (ctx: PageContext) =>
  (['planned', 'active', 'paused'] as const).map((s) => ({ value: s, label: ctx.t(`status.${s}`) }));

function ChapterFields({
  ctx,
  values,
  errors,
  withAdminFields,
}: {
  ctx: PageContext;
  values?: FormValues;
  errors?: FormErrors;
  withAdminFields: boolean;
}) {
  const { t } = ctx;
  return (
    <>
      <Field name="name" label={t('field.name')} values={values} errors={errors} required />
      {withAdminFields ? (
        <Field
          name="slug"
          label={`${t('field.slug')} (${t('form.optional')})`}
          help={t('field.slugHelp')}
          values={values}
          errors={errors}
        />
      ) : null}
      <Field name="city" label={t('field.city')} values={values} errors={errors} required />
      <Field name="region" label={t('field.region')} values={values} errors={errors} />
      <Field name="description" label={t('field.description')} values={values} errors={errors} multiline />
      {withAdminFields ? (
        <Select name="status" label={t('field.status')} values={values} errors={errors} options={statusOptions(ctx)} />
      ) : null}
    </>
  );
}

function newChapterPage(req: FastifyRequest, reply: FastifyReply, form?: { values: FormValues; errors: FormErrors }) {
  const ctx = pageContext(req, reply);
  return sendPage(
    reply,
    <Layout ctx={ctx} title={ctx.t('admin.newChapter')}>
      <h1>{ctx.t('admin.newChapter')}</h1>
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <form method="post" action="/admin/chapters" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <ChapterFields ctx={ctx} values={form?.values ?? { status: 'planned' }} errors={form?.errors} withAdminFields />
        <div>
          <button type="submit">{ctx.t('form.create')}</button>
        </div>
      </form>
    </Layout>,
    form ? 400 : 200,
  );
}

interface EditForms {
  chapter?: { values: FormValues; errors: FormErrors };
  partnership?: { values: FormValues; errors: FormErrors };
  organizer?: { values: FormValues; errors: FormErrors };
}

function PartnershipRow({ ctx, p, canManage }: { ctx: PageContext; p: PartnershipView; canManage: boolean }) {
  const { t } = ctx;
  return (
    <tr>
      <td>
        <a href={`/venues/${p.venue.slug}`}>{p.venue.name}</a>
      </td>
      <td>{p.venueProvides}</td>
      <td>{p.networkProvides}</td>
      <td>{[p.since, p.until].filter(Boolean).join(' → ')}</td>
      <td>{t(`partnership.${p.status}`)}</td>
      <td>
        {canManage && p.status !== 'ended' ? (
          <form method="post" action={`/admin/partnerships/${p.id}/end`} class="inline">
            <CsrfField ctx={ctx} />
            <button type="submit" class="link">
              {t('admin.endPartnership')}
            </button>
          </form>
        ) : null}
      </td>
    </tr>
  );
}

async function editChapterPage(
  db: Db,
  req: FastifyRequest<Params>,
  reply: FastifyReply,
  forms: EditForms = {},
  status = 200,
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const chapter = await chapters.findChapter(db, req.network, req.params.slug);
  authorize(req.user, await chapterPolicy.edit(db, req.user, chapter), `edit the chapter ${chapter.name}`);
  const admin = isAdmin(req.user);
  const [partnerships, organizers, interest, venues] = await Promise.all([
    listPartnerships(db, req.network, { chapterId: chapter.id }),
    chapters.listOrganizers(db, req.network, chapter.id),
    chapters.listInterest(db, req.network, chapter.id),
    admin ? listVenues(db, req.network, { limit: 500 }) : Promise.resolve([]),
  ]);
  const upcoming = await upcomingEvents(db, req.network, {
    chapterId: chapter.id,
    limit: 50,
    includeUnpublished: true,
  });
  const myNotify = req.user ? await chapters.organizerNotify(db, req.network, chapter.id, req.user.id) : undefined;
  const values: FormValues = forms.chapter?.values ?? {
    name: chapter.name,
    slug: chapter.slug,
    city: chapter.city,
    region: chapter.region,
    description: chapter.description,
    status: chapter.status,
  };
  const allErrors = { ...forms.chapter?.errors, ...forms.partnership?.errors, ...forms.organizer?.errors };
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('admin.editChapter', { name: chapter.name })}>
      <h1>{t('admin.editChapter', { name: chapter.name })}</h1>
      <p>
        <a href={`/chapters/${chapter.slug}`}>{t('admin.view')}</a> ·{' '}
        <a href={`/admin/chapters/${chapter.slug}/invitations`}>{t('invitations.stats.link')}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={allErrors} />
      <form method="post" action={`/admin/chapters/${chapter.slug}`} class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <ChapterFields ctx={ctx} values={values} errors={forms.chapter?.errors} withAdminFields={admin} />
        <div>
          <button type="submit">{t('form.save')}</button>
        </div>
      </form>

      {myNotify ? (
        <form method="post" action={`/admin/chapters/${chapter.slug}/notify`} class="stack">
          <CsrfField ctx={ctx} />
          <Select
            name="notify"
            id="f-notify"
            label={t('notify.label')}
            values={{ notify: myNotify }}
            options={(['immediate', 'daily', 'off'] as const).map((n) => ({ value: n, label: t(`notify.${n}`) }))}
          />
          <div>
            <button type="submit">{t('form.save')}</button>
          </div>
        </form>
      ) : null}

      <Section title={t('admin.events')}>
        {upcoming.length ? (
          <ul>
            {upcoming.map((e) => (
              <li>
                <a href={`/admin/events/${e.id}`}>{e.title}</a>{' '}
                <span class="muted">· {e.startsAt.toISOString().slice(0, 10)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('event.noUpcoming')}</p>
        )}
        <p>
          <a href={`/admin/chapters/${chapter.slug}/events/new`}>{t('admin.newEvent')}</a>
        </p>
      </Section>

      <Section title={t('chapter.partnerships')}>
        {partnerships.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('field.venue')}</th>
                  <th scope="col">{t('field.venueProvides')}</th>
                  <th scope="col">{t('field.networkProvides')}</th>
                  <th scope="col">{`${t('field.since')} → ${t('field.until')}`}</th>
                  <th scope="col">{t('field.partnershipStatus')}</th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {partnerships.map((p) => (
                  <PartnershipRow ctx={ctx} p={p} canManage={admin} />
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{t('admin.nothing')}</p>
        )}
        {admin ? (
          <form method="post" action={`/admin/chapters/${chapter.slug}/partnerships`} class="stack" novalidate>
            <h3>{t('admin.newPartnership')}</h3>
            <CsrfField ctx={ctx} />
            <Select
              name="venue"
              label={t('field.venue')}
              values={forms.partnership?.values}
              errors={forms.partnership?.errors}
              options={venues.map((v) => ({ value: v.slug, label: `${v.name} (${v.city})` }))}
            />
            <Field
              name="venueProvides"
              label={t('field.venueProvides')}
              values={forms.partnership?.values}
              errors={forms.partnership?.errors}
            />
            <Field
              name="networkProvides"
              label={t('field.networkProvides')}
              values={forms.partnership?.values}
              errors={forms.partnership?.errors}
            />
            <Field
              name="since"
              type="date"
              label={`${t('field.since')} (${t('form.optional')})`}
              values={forms.partnership?.values}
              errors={forms.partnership?.errors}
            />
            <Field
              name="until"
              type="date"
              label={`${t('field.until')} (${t('form.optional')})`}
              values={forms.partnership?.values}
              errors={forms.partnership?.errors}
            />
            <Select
              name="status"
              id="f-partnershipStatus"
              label={t('field.partnershipStatus')}
              values={forms.partnership?.values ?? { status: 'active' }}
              options={(['active', 'proposed', 'ended'] as const).map((s) => ({
                value: s,
                label: t(`partnership.${s}`),
              }))}
            />
            <div>
              <button type="submit">{t('form.add')}</button>
            </div>
          </form>
        ) : null}
      </Section>

      <Section title={t('chapter.organizers')}>
        {organizers.length ? (
          <ul>
            {organizers.map((o) => (
              <li>
                {o.name} <span class="muted">&lt;{o.email}&gt;</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('admin.nothing')}</p>
        )}
        {admin ? (
          <form method="post" action={`/admin/chapters/${chapter.slug}/organizers`} class="stack" novalidate>
            <h3>{t('admin.addOrganizer')}</h3>
            <CsrfField ctx={ctx} />
            <Field
              name="email"
              type="email"
              label={t('admin.accountEmail')}
              values={forms.organizer?.values}
              errors={forms.organizer?.errors}
              required
            />
            <div>
              <button type="submit">{t('form.add')}</button>
            </div>
          </form>
        ) : null}
      </Section>

      <Section title={`${t('admin.interest')} (${interest.length})`}>
        {interest.length ? (
          <ul>
            {interest.map((i) => (
              <li>
                {i.name} <span class="muted">&lt;{i.email}&gt;</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('admin.nothing')}</p>
        )}
      </Section>

      {chapterPolicy.delete(req.user) ? (
        <Section title={t('admin.deleteChapter')}>
          <p>{t('admin.deleteWarning')}</p>
          <form method="post" action={`/admin/chapters/${chapter.slug}/delete`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="danger">
              {t('form.delete')}
            </button>
          </form>
        </Section>
      ) : null}
    </Layout>,
    status,
  );
}

export function chapterPages(app: FastifyInstance, db: Db): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get<Params>('/chapters/:slug', (req, reply) => chapterPage(db, req, reply));

  app.post<Params>(
    '/chapters/:slug/interest',
    { ...csrf, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = parseForm(InterestCreateSchema, req.body);
      if (!form.ok) return chapterPage(db, req, reply, form, 400);
      const { created } = await chapters.registerInterest(db, req.network, req.params.slug, form.data);
      return reply.redirect(`/chapters/${req.params.slug}?interest=${created ? 'new' : 'known'}`, 303);
    },
  );

  app.get('/admin/chapters/new', (req, reply) => {
    authorize(req.user, chapterPolicy.create(req.user), 'create chapters');
    return newChapterPage(req, reply);
  });

  app.post('/admin/chapters', csrf, async (req, reply) => {
    authorize(req.user, chapterPolicy.create(req.user), 'create chapters');
    const form = parseForm(ChapterCreateSchema, req.body, { omitEmpty: ['slug'] });
    if (!form.ok) return newChapterPage(req, reply, form);
    try {
      const row = await chapters.createChapter(db, req.network, form.data);
      return reply.redirect(`/admin/chapters/${row.slug}?done=created`, 303);
    } catch (err) {
      return newChapterPage(req, reply, formError(err, form.values));
    }
  });

  app.get<Params>('/admin/chapters/:slug', (req, reply) => editChapterPage(db, req, reply));

  app.post<Params>('/admin/chapters/:slug', csrf, async (req, reply) => {
    const chapter = await chapters.findChapter(db, req.network, req.params.slug);
    authorize(req.user, await chapterPolicy.edit(db, req.user, chapter), `edit the chapter ${chapter.name}`);
    // Organisers edit the words; status and URL name stay with the network's admins.
    const admin = isAdmin(req.user);
    const body = { ...(req.body as Record<string, unknown>) };
    if (!admin) {
      delete body.status;
      delete body.slug;
    }
    const form = parseForm(ChapterUpdateSchema, body, { omitEmpty: ['slug'] });
    if (!form.ok) return editChapterPage(db, req, reply, { chapter: form }, 400);
    try {
      const row = await chapters.updateChapter(db, req.network, req.params.slug, form.data);
      return reply.redirect(`/admin/chapters/${row.slug}?done=saved`, 303);
    } catch (err) {
      return editChapterPage(db, req, reply, { chapter: formError(err, form.values) }, 409);
    }
  });

  app.post<Params>('/admin/chapters/:slug/notify', csrf, async (req, reply) => {
    const user = requireUser(req);
    const form = parseForm(NotifySchema, req.body);
    if (!form.ok) return editChapterPage(db, req, reply, {}, 400);
    await chapters.setOrganizerNotify(db, req.network, req.params.slug, user.id, form.data.notify);
    return reply.redirect(`/admin/chapters/${req.params.slug}?done=saved`, 303);
  });

  app.post<Params>('/admin/chapters/:slug/delete', csrf, async (req, reply) => {
    authorize(req.user, chapterPolicy.delete(req.user), 'delete chapters');
    await chapters.deleteChapter(db, req.network, req.params.slug);
    return reply.redirect('/admin?done=deleted', 303);
  });

  app.post<Params>('/admin/chapters/:slug/partnerships', csrf, async (req, reply) => {
    authorize(req.user, chapterPolicy.managePartnerships(req.user), 'record partnerships');
    const form = parseForm(PartnershipCreateSchema, req.body, { omitEmpty: ['since', 'until'] });
    if (!form.ok) return editChapterPage(db, req, reply, { partnership: form }, 400);
    try {
      await createPartnership(db, req.network, req.params.slug, form.data);
      return reply.redirect(`/admin/chapters/${req.params.slug}?done=added`, 303);
    } catch (err) {
      return editChapterPage(db, req, reply, { partnership: formError(err, form.values) }, 409);
    }
  });

  app.post<{ Params: { id: string } }>('/admin/partnerships/:id/end', csrf, async (req, reply) => {
    authorize(req.user, chapterPolicy.managePartnerships(req.user), 'change partnerships');
    if (!/^[0-9a-f-]{36}$/i.test(req.params.id)) throw new AppError('not_found', 'This partnership does not exist.');
    const today = new Date().toISOString().slice(0, 10);
    const p = await updatePartnership(db, req.network, req.params.id, { status: 'ended', until: today });
    return reply.redirect(`/admin/chapters/${p.chapter.slug}?done=saved`, 303);
  });

  app.post<Params>('/admin/chapters/:slug/organizers', csrf, async (req, reply) => {
    authorize(req.user, chapterPolicy.manageOrganizers(req.user), 'appoint organisers');
    const form = parseForm(AssignPersonSchema, req.body);
    if (!form.ok) return editChapterPage(db, req, reply, { organizer: form }, 400);
    try {
      await chapters.addOrganizer(db, req.network, req.params.slug, form.data.email);
      return reply.redirect(`/admin/chapters/${req.params.slug}?done=added`, 303);
    } catch (err) {
      return editChapterPage(db, req, reply, { organizer: formError(err, form.values) }, 404);
    }
  });
}
