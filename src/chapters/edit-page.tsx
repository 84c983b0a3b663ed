// The edit page of a chapter: its fields, partnerships with venues, and organisers.
import { CHAPTER_TEXTS, ChapterFields } from './chapter-form.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import type { PartnershipView } from '../partnerships/schemas.js';
import { listPartnerships } from '../partnerships/service.js';
import { listVenues } from '../venues/service.js';
import { ErrorSummary, Field, Section, Select, type FormErrors, type FormValues } from '../web/forms.js';
import { AssignmentBlock } from '../web/assignments.js';
import { Localized, localized } from '../web/content.js';
import { LanguageFields, languageValues } from '../web/language-fields.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { authorize, isAdmin } from '../web/policy.js';
import { chapterPolicy } from './policy.js';
import * as chapters from './service.js';
import { upcomingEvents } from '../events/service.js';
import { formatShort, spansYears } from '../events/format.js';
import { TableWrap } from '../web/table-wrap.js';

type Params = { Params: { slug: string } };
/** A partnership's texts written in several languages. */
export const PARTNERSHIP_TEXTS = ['venueProvides', 'networkProvides'] as const;

export interface EditForms {
  chapter?: { values: FormValues; errors: FormErrors };
  partnership?: { values: FormValues; errors: FormErrors };
  organizer?: { values: FormValues; errors: FormErrors };
}

export function PartnershipRow({ ctx, p, canManage }: { ctx: PageContext; p: PartnershipView; canManage: boolean }) {
  const { t } = ctx;
  return (
    <tr>
      <td>
        <a href={`/venues/${p.venue.slug}`}>{p.venue.name}</a>
      </td>
      <td>
        <Localized value={localized(p, 'venueProvides', ctx.locale)} t={t} />
      </td>
      <td>
        <Localized value={localized(p, 'networkProvides', ctx.locale)} t={t} />
      </td>
      <td>{[p.since, p.until].filter(Boolean).join(' → ')}</td>
      <td>{t(`partnership.${p.status}`)}</td>
      <td>
        {canManage && p.status !== 'ended' ? (
          <form method="post" action={`/admin/partnerships/${p.id}/end`} class="inline" novalidate>
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

export async function editChapterPage(
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
    ...languageValues(chapter, CHAPTER_TEXTS),
    slug: chapter.slug,
    city: chapter.city,
    region: chapter.region,
    status: chapter.status,
  };
  const allErrors = { ...forms.chapter?.errors, ...forms.partnership?.errors, ...forms.organizer?.errors };
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('admin.editChapter', { name: chapter.name })}>
      <h1>{t('admin.editChapter', { name: chapter.name })}</h1>
      <p>
        <a href={`/chapters/${chapter.slug}`}>{t('admin.view')}</a> ·{' '}
        <a href={`/admin/chapters/${chapter.slug}/invitations`}>{t('invitations.stats.link')}</a> ·{' '}
        <a href={`/admin/chapters/${chapter.slug}/cover`}>{t('cover.link')}</a>
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
        <form method="post" action={`/admin/chapters/${chapter.slug}/notify`} class="stack" novalidate>
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
                <a href={`/admin/events/${e.id}`}>
                  <Localized value={localized(e, 'title', ctx.locale)} t={t} />
                </a>{' '}
                <span class="muted">
                  ·{' '}
                  {formatShort(e.startsAt, e.timeZone, ctx.locale, {
                    withYear: spansYears(upcoming.map((u) => u.startsAt)) || undefined,
                  })}
                </span>
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
          <TableWrap>
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
          </TableWrap>
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
            <LanguageFields
              ctx={ctx}
              languageId="f-partnershipLanguage"
              values={forms.partnership?.values}
              errors={forms.partnership?.errors}
              fields={PARTNERSHIP_TEXTS.map((name) => ({ name, label: t(`field.${name}`) }))}
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

      <AssignmentBlock
        ctx={ctx}
        title={t('chapter.organizers')}
        people={organizers}
        addTitle={t('admin.addOrganizer')}
        action={`/admin/chapters/${chapter.slug}/organizers`}
        canAdd={admin}
        form={forms.organizer}
      />

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
          <form method="post" action={`/admin/chapters/${chapter.slug}/delete`} novalidate>
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
