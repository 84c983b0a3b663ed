import { LatestNews, latestArticles } from '../news/components.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { PartnershipCreateSchema } from '../partnerships/schemas.js';
import { createPartnership, updatePartnership } from '../partnerships/service.js';
import { notFound } from '../web/errors.js';
import { filled, formError, formValues, parseForm, Section, type FormErrors, type FormValues } from '../web/forms.js';
import { Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { authorize, refusalText } from '../web/policy.js';
import { CHANGE_STATUS_OR_SLUG, chapterPolicy } from './policy.js';
import {
  AssignPersonSchema,
  ChapterCreateSchema,
  ChapterUpdateSchema,
  InterestCreateSchema,
  NotifySchema,
} from './schemas.js';
import { requireUser } from '../web/context.js';
import { regionLabel } from '../web/regions.js';
import * as chapters from './service.js';
import { ChapterHead, InterestForm } from './components.js';
import { listPublicEvents, upcomingEvents } from '../events/service.js';
import { EventListItem, PublicEventList } from '../events/components.js';
import { spansYears } from '../events/format.js';
import { FeedLinks } from '../feeds/components.js';
import { coverView } from '../storage/service.js';
import { CoverImage } from '../web/cover.js';
import type { Config } from '../config.js';
import { FollowForm } from '../follows/components.js';
import { isFollowing } from '../follows/service.js';
import { editChapterPage, PARTNERSHIP_TEXTS } from './edit-page.js';
import { parseWithLanguages } from '../web/language-fields.js';
import { CHAPTER_TEXTS, newChapterPage } from './chapter-form.js';
import { msg } from '../web/i18n.js';
import { Localized, localized, LocalizedName, OriginalMarker } from '../web/content.js';

type Chapter = chapters.ChapterRow;
type Params = { Params: { slug: string } };
/** The latest past events on the page; all of them, a page at a time, on /events?when=past. */
const PAST = 5;

function StatusBadge({ ctx, status }: { ctx: PageContext; status: Chapter['status'] }) {
  return <span class="badge">{ctx.t(`status.${status}`)}</span>;
}

async function chapterPage(
  db: Db,
  config: Config,
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
  const [upcoming, past] = await Promise.all([
    upcomingEvents(db, req.network, { chapterId: chapter.id, limit: 20 }),
    listPublicEvents(db, req.network, {
      from: new Date(),
      chapterSlug: chapter.slug,
      past: true,
      limit: PAST,
      offset: 0,
    }),
  ]);
  const latestNews = await latestArticles(db, req.network, ctx.locale, chapter.slug);
  const overYears = spansYears(upcoming.map((e) => e.startsAt));
  // The chapter's own words in the reader's language when written, else the original with a marker.
  const name = localized(chapter, 'name', ctx.locale);
  const about = localized(chapter, 'description', ctx.locale);
  return sendPage(
    reply,
    <Layout
      ctx={ctx}
      title={name.text}
      head={<ChapterHead ctx={ctx} baseUrl={config.baseUrl} chapter={chapter} name={name.text} about={about.text} />}
    >
      <h1>
        <Localized value={name} t={t} /> <StatusBadge ctx={ctx} status={chapter.status} />
      </h1>
      <CoverImage cover={coverView(chapter.cover)} />
      {query.interest === 'new' ? (
        <p class="notice" role="status">
          {t('interest.thanks', { chapter: name.text })}
        </p>
      ) : null}
      {query.interest === 'known' ? (
        <p class="notice" role="status">
          {t('interest.already', { chapter: name.text })}
        </p>
      ) : null}
      <dl>
        <dt>{t('chapter.city')}</dt>
        <dd>{chapter.city}</dd>
        {chapter.region ? (
          <>
            <dt>{t('chapter.region')}</dt>
            <dd>{regionLabel(chapter.region, ctx.locale)}</dd>
          </>
        ) : null}
      </dl>
      {about.text ? (
        <div class="chapter-about">
          <p class="pre-line" lang={about.lang === ctx.locale ? undefined : about.lang}>
            {about.text}
          </p>
          {about.fallback ? <OriginalMarker lang={about.lang} t={t} /> : null}
        </div>
      ) : null}
      {chapter.status !== 'planned' ? (
        <Section title={t('event.upcoming')}>
          {upcoming.length ? (
            <ul>
              {upcoming.map((e) => (
                <EventListItem ctx={ctx} e={e} withYear={overYears} />
              ))}
            </ul>
          ) : (
            <p class="muted">{t('event.noUpcoming')}</p>
          )}
          <FeedLinks ctx={ctx} base={`/chapters/${chapter.slug}`} />
        </Section>
      ) : null}
      {past.length ? (
        <Section title={t('events.list.past')}>
          <PublicEventList ctx={ctx} list={past} />
          <p>
            <a href={`/events?chapter=${encodeURIComponent(chapter.slug)}&when=past`}>{t('eventsList.allPast')}</a>
          </p>
        </Section>
      ) : null}
      <LatestNews ctx={ctx} views={latestNews} more={`/chapters/${chapter.slug}/news`} />
      <Section title={t('chapter.hosts')}>
        {hosts.length ? (
          <ul>
            {hosts.map((v) => (
              <li>
                <a href={`/venues/${v.slug}`}>
                  <LocalizedName row={v} t={t} />
                </a>{' '}
                <span class="muted">({v.city})</span>
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
        chapter={{ slug: chapter.slug, name: name.text }}
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

export function chapterPages(app: FastifyInstance, db: Db, config: Config): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get<Params>('/chapters/:slug', (req, reply) => chapterPage(db, config, req, reply));

  app.post<Params>(
    '/chapters/:slug/interest',
    { ...csrf, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = parseForm(InterestCreateSchema, req.body);
      if (!form.ok) return chapterPage(db, config, req, reply, form, 400);
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
    const form = parseWithLanguages(ChapterCreateSchema, req.body, CHAPTER_TEXTS, { omitEmpty: ['slug'] });
    if (!form.ok) return newChapterPage(req, reply, form);
    try {
      const row = await chapters.createChapter(db, req.network, form.data, req.user);
      return reply.redirect(`/admin/chapters/${row.slug}?done=created`, 303);
    } catch (err) {
      return newChapterPage(req, reply, formError(err, form.values));
    }
  });

  app.get<Params>('/admin/chapters/:slug', (req, reply) => editChapterPage(db, req, reply));

  app.post<Params>('/admin/chapters/:slug', csrf, async (req, reply) => {
    const chapter = await chapters.findChapter(db, req.network, req.params.slug);
    authorize(req.user, await chapterPolicy.edit(db, req.user, chapter), `edit the chapter ${chapter.name}`);
    // Organisers edit the words; status and URL name stay with the network's admins. The form
    // answers as the API does (403, said on the form) instead of dropping the fields silently.
    const body = { ...(req.body as Record<string, unknown>) };
    if (!chapterPolicy.changeStatusOrSlug(req.user) && (filled(body.status) || filled(body.slug))) {
      const values = formValues(body);
      return editChapterPage(
        db,
        req,
        reply,
        { chapter: { values, errors: { '(form)': refusalText(CHANGE_STATUS_OR_SLUG) } } },
        403,
      );
    }
    const form = parseWithLanguages(ChapterUpdateSchema, body, CHAPTER_TEXTS, { omitEmpty: ['slug'] });
    if (!form.ok) return editChapterPage(db, req, reply, { chapter: form }, 400);
    try {
      const row = await chapters.updateChapter(db, req.network, req.params.slug, form.data, req.user);
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
    await chapters.deleteChapter(db, req.network, req.params.slug, req.user);
    return reply.redirect('/admin?done=deleted', 303);
  });

  app.post<Params>('/admin/chapters/:slug/partnerships', csrf, async (req, reply) => {
    authorize(req.user, chapterPolicy.managePartnerships(req.user), 'record partnerships');
    const form = parseWithLanguages(PartnershipCreateSchema, req.body, PARTNERSHIP_TEXTS, {
      omitEmpty: ['since', 'until'],
    });
    if (!form.ok) return editChapterPage(db, req, reply, { partnership: form }, 400);
    try {
      await createPartnership(db, req.network, req.params.slug, form.data, req.user);
      return reply.redirect(`/admin/chapters/${req.params.slug}?done=added`, 303);
    } catch (err) {
      return editChapterPage(db, req, reply, { partnership: formError(err, form.values) }, 409);
    }
  });

  app.post<{ Params: { id: string } }>('/admin/partnerships/:id/end', csrf, async (req, reply) => {
    authorize(req.user, chapterPolicy.managePartnerships(req.user), 'change partnerships');
    if (!/^[0-9a-f-]{36}$/i.test(req.params.id)) throw notFound(msg('chapter.problem.partnership'));
    const today = new Date().toISOString().slice(0, 10);
    const p = await updatePartnership(db, req.network, req.params.id, { status: 'ended', until: today }, req.user);
    return reply.redirect(`/admin/chapters/${p.chapter.slug}?done=saved`, 303);
  });

  app.post<Params>('/admin/chapters/:slug/organizers', csrf, async (req, reply) => {
    authorize(req.user, chapterPolicy.manageOrganizers(req.user), 'appoint organisers');
    const form = parseForm(AssignPersonSchema, req.body);
    if (!form.ok) return editChapterPage(db, req, reply, { organizer: form }, 400);
    try {
      await chapters.addOrganizer(db, req.network, req.params.slug, form.data.email, req.user);
      return reply.redirect(`/admin/chapters/${req.params.slug}?done=added`, 303);
    } catch (err) {
      return editChapterPage(db, req, reply, { organizer: formError(err, form.values) }, 404);
    }
  });
}
