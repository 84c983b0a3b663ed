import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../accounts/service.js';
import type { Db } from '../db/connection.js';
import { formatShort } from '../events/format.js';
import { SESSION_COOKIE } from '../web/context.js';
import { OffsetQuerySchema } from '../web/pagination.js';
import { ErrorSummary, Field, formError, Section, type FormErrors } from '../web/forms.js';
import { Detail, CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { followChapter, followedChapters, unfollowChapter } from '../follows/service.js';
import { deleteMember, exportMember } from '../gdpr/service.js';
import { outcomeOf } from './present.js';
import { regionName } from '../web/regions.js';
import { myAttendance, myAttendanceSummary, myProfile } from './me.js';

const PAGE = 50;
type Params = { Params: { slug: string } };

async function overview(db: Db, req: FastifyRequest, reply: FastifyReply, user: User) {
  const ctx = pageContext(req, reply);
  const { t, locale } = ctx;
  const { offset } = OffsetQuerySchema.parse(req.query ?? {});
  const profile = await myProfile(db, req.network, user);
  const summary = await myAttendanceSummary(db, user);
  const rows = await myAttendance(db, user, { limit: PAGE + 1, offset });
  const origin = profile.originRegion === 'other' ? profile.originDetail : regionName(profile.originRegion, locale);
  const followed = await followedChapters(db, req.network.id, user.id);
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('members.me.title')}>
      <h1>{t('members.me.title')}</h1>
      <Section title={t('members.me.profile')}>
        <dl>
          <Detail term={t('field.name')} value={profile.name} />
          <Detail term={t('login.email')} value={profile.email} />
          <Detail term={t('members.profile.city')} value={profile.city} />
          <Detail term={t('members.profile.residence')} value={regionName(profile.residenceRegion, locale)} />
          <Detail term={t('members.profile.origin')} value={origin} />
          <Detail term={t('members.profile.kind')} value={profile.kind ? t(`members.kind.${profile.kind}`) : ''} />
          <Detail term={t('members.profile.skills')} value={profile.skills.join(', ')} />
          <Detail
            term={t('members.profile.directoryVisible')}
            value={profile.directoryVisible ? t('members.yes') : t('members.no')}
          />
        </dl>
        <p>
          <a href="/me/profile">{t('members.me.edit')}</a>
        </p>
      </Section>
      <Section title={t('members.me.chapters')}>
        {followed.length ? (
          <ul>
            {followed.map((c) => (
              <li>
                <a href={`/chapters/${c.slug}`}>{c.name}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('members.me.noChapters')}</p>
        )}
      </Section>
      <Section title={t('members.me.attendance')}>
        <p>
          {t('members.me.counts', {
            registered: summary.registered,
            attended: summary.attended,
            noShows: summary.noShows,
          })}
        </p>
        {rows.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('members.me.event')}</th>
                  <th scope="col">{t('members.me.date')}</th>
                  <th scope="col">{t('members.me.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, PAGE).map((r) => (
                  <tr>
                    <td>
                      <a href={`/events/${r.eventId}`}>{r.title}</a>
                    </td>
                    <td>{formatShort(r.startsAt, 'Europe/Brussels', locale)}</td>
                    <td>{t(`members.outcome.${outcomeOf(r)}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{t('members.me.noRegistrations')}</p>
        )}
        {rows.length > PAGE ? (
          <p>
            <a href={`/me?offset=${offset + PAGE}`}>{t('members.older')}</a>
          </p>
        ) : null}
      </Section>
      <Section title={t('members.me.data')}>
        <ul>
          <li>
            <a href="/me/export" download>
              {t('members.me.export')}
            </a>
          </li>
          <li>
            <a href="/me/calendar">{t('calendar.title')}</a>
          </li>
          <li>
            <a href="/me/delete">{t('members.me.delete')}</a>
          </li>
        </ul>
      </Section>
    </Layout>,
  );
}

function deletePage(req: FastifyRequest, reply: FastifyReply, user: User, errors?: FormErrors, status = 200) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('members.delete.title')}>
      <h1>{t('members.delete.title')}</h1>
      <p>{t('members.delete.explain')}</p>
      <p>
        <a href="/me/export" download>
          {t('members.me.export')}
        </a>
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/me/delete" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <Field
          name="confirm"
          type="email"
          label={t('members.delete.confirmLabel', { email: user.email })}
          errors={errors}
          autocomplete="off"
          required
        />
        <div>
          <button type="submit" class="danger">
            {t('members.delete.submit')}
          </button>
        </div>
      </form>
    </Layout>,
    status,
  );
}

export function mePages(app: FastifyInstance, db: Db): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get('/me', async (req, reply) => {
    authorize(req.user, true, 'see your profile');
    return overview(db, req, reply, req.user);
  });

  app.get('/me/export', async (req, reply) => {
    authorize(req.user, true, 'download your data');
    const data = await exportMember(db, req.network, req.user.id, req.user);
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/me/delete', async (req, reply) => {
    authorize(req.user, true, 'delete your account');
    return deletePage(req, reply, req.user);
  });

  app.post('/me/delete', csrf, async (req, reply) => {
    authorize(req.user, true, 'delete your account');
    const typed = String((req.body as Record<string, unknown> | undefined)?.confirm ?? '')
      .trim()
      .toLowerCase();
    if (typed !== req.user.email)
      return deletePage(req, reply, req.user, { confirm: pageContext(req, reply).t('members.delete.mismatch') }, 400);
    try {
      await deleteMember(db, req.network, req.user.id, req.user);
    } catch (err) {
      // The network's only admin: said on the form rather than on an error page.
      return deletePage(req, reply, req.user, formError(err, {}).errors, 409);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/?done=deleted', 303);
  });

  app.post<Params>('/chapters/:slug/follow', csrf, async (req, reply) => {
    authorize(req.user, true, 'follow a chapter');
    const chapter = await followChapter(db, req.network, req.user.id, req.params.slug);
    return reply.redirect(`/chapters/${chapter.slug}`, 303);
  });

  app.post<Params>('/chapters/:slug/unfollow', csrf, async (req, reply) => {
    authorize(req.user, true, 'stop following a chapter');
    await unfollowChapter(db, req.network, req.user.id, req.params.slug);
    return reply.redirect(`/chapters/${encodeURIComponent(req.params.slug)}`, 303);
  });
}
