import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Localized, localized } from '../web/content.js';
import type { User } from '../accounts/service.js';
import type { Db } from '../db/connection.js';
import { formatShort } from '../events/format.js';
import { OffsetQuerySchema } from '../web/pagination.js';
import { Section } from '../web/forms.js';
import { Avatar } from '../web/avatar.js';
import { CsrfField, Detail, Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { followedChapters } from '../follows/service.js';
import { outcomeOf } from './present.js';
import { regionName } from '../web/regions.js';
import { myAttendance, myAttendanceSummary, myProfile } from './me.js';
import { eventPath } from '../web/event-path.js';
import { TableWrap } from '../web/table-wrap.js';

const PAGE = 50;

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
        <p class="member-card">
          <Avatar picture={profile.picture} name={profile.name} size={48} />{' '}
          <a href="/me/picture">{t('members.picture.link')}</a>
        </p>
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
          <Detail
            term={t('members.profile.contactable')}
            value={profile.contactable ? t('members.yes') : t('members.no')}
          />
        </dl>
        <p>
          <a href="/me/profile">{t('members.me.edit')}</a>
        </p>
        <p>
          <a href="/me/password">{t('account.password.link')}</a>
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
          <TableWrap>
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
                      <a href={eventPath({ id: r.eventId, title: r.title })}>
                        <Localized value={localized(r, 'title', locale)} t={t} marker={false} />
                      </a>
                    </td>
                    <td>{formatShort(r.startsAt, r.timeZone, locale)}</td>
                    <td>{t(`members.outcome.${outcomeOf(r)}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
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
            {/* A POST: the export is audited, and a prefetch must not trigger it. */}
            <form method="post" action="/me/export" novalidate>
              <CsrfField ctx={ctx} />
              <button type="submit" class="link">
                {t('members.me.export')}
              </button>
            </form>
          </li>
          <li>
            <a href="/me/calendar">{t('calendar.title')}</a>
          </li>
          <li>
            <a href="/me/invitations">{t('invitations.received.link')}</a>
          </li>
          <li>
            <a href="/me/delete">{t('members.me.delete')}</a>
          </li>
        </ul>
      </Section>
    </Layout>,
  );
}

export function mePages(app: FastifyInstance, db: Db): void {
  const _csrf = { preHandler: app.csrfProtection };

  app.get('/me', async (req, reply) => {
    authorize(req.user, true, 'see your profile');
    return overview(db, req, reply, req.user);
  });
}
