import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connection.js';
import { formatShort, spansYears } from '../events/format.js';
import { OffsetQuerySchema } from '../web/pagination.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { presentReceived, receivedInvitations } from './received.js';
import { TableWrap } from '../web/table-wrap.js';

const PAGE = 50;

/** /me/invitations: the invitations a member received, and what they did about each. */
export function receivedInvitationPage(app: FastifyInstance, db: Db): void {
  app.get('/me/invitations', async (req, reply) => {
    authorize(req.user, true, 'see your invitations');
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const { offset } = OffsetQuerySchema.parse(req.query ?? {});
    const rows = await receivedInvitations(db, req.user, { limit: PAGE + 1, offset });
    const shown = rows.slice(0, PAGE);
    const withYear = spansYears(shown.map((r) => r.event.startsAt));
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('invitations.received.title')}>
        <h1>{t('invitations.received.title')}</h1>
        <p>{t('invitations.received.intro')}</p>
        {shown.length ? (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('invitations.received.event')}</th>
                  <th scope="col">{t('invitations.received.date')}</th>
                  <th scope="col">{t('invitations.received.chapter')}</th>
                  <th scope="col">{t('invitations.received.invitedOn')}</th>
                  <th scope="col">{t('invitations.received.answer')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => {
                  const r = presentReceived(row, locale);
                  return (
                    <tr id={`invitation-${r.id}`}>
                      <th scope="row">
                        <a href={r.event.url}>{r.event.title}</a>
                        {r.message ? (
                          <details>
                            <summary>{t('invitations.received.message')}</summary>
                            <p class="pre-line">{r.message}</p>
                          </details>
                        ) : null}
                      </th>
                      <td>{formatShort(row.event.startsAt, row.event.timeZone, locale, { withYear })}</td>
                      <td>
                        <a href={`/chapters/${r.chapter.slug}`}>{r.chapter.name}</a>
                      </td>
                      <td>{formatShort(row.invitedAt, 'Europe/Brussels', locale)}</td>
                      <td>{t(`invitations.received.${r.answer}`)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="muted">{t('invitations.received.none')}</p>
        )}
        {rows.length > PAGE ? (
          <p>
            <a href={`/me/invitations?offset=${offset + PAGE}`}>{t('invitations.received.older')}</a>
          </p>
        ) : null}
      </Layout>,
    );
  });
}
