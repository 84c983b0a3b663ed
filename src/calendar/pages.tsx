import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { Section } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import * as calendar from './service.js';

/** webcal:// opens the subscription dialog of the visitor's calendar app instead of a download. */
const webcal = (url: string) => url.replace(/^https?:/, 'webcal:');

async function myCalendarPage(db: Db, req: FastifyRequest, reply: FastifyReply, created?: string) {
  authorize(req.user, true, 'manage your calendar address');
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const live = await calendar.liveCalendarTokens(db, req.network, req.user);
  const revoked = (req.query as Record<string, unknown> | undefined)?.revoked === '1';
  return sendPage(
    // The page may show the secret address: it must not travel in a Referer.
    reply.header('referrer-policy', 'no-referrer'),
    <Layout ctx={ctx} title={t('calendar.title')}>
      <h1>{t('calendar.title')}</h1>
      <p>{t('calendar.intro')}</p>
      {revoked && !created ? (
        <p class="notice" role="status">
          {t('calendar.revoked')}
        </p>
      ) : null}
      {created ? (
        <Section title={t('calendar.yourAddress')}>
          <p class="notice" role="status">
            {t('calendar.created')}
          </p>
          <label htmlFor="calendar-url">{t('calendar.address')}</label>
          <input type="text" id="calendar-url" readOnly value={created} />
          <p>
            <a href={webcal(created)}>{t('calendar.subscribe')}</a>
          </p>
        </Section>
      ) : null}
      <p class="muted">{t('calendar.active', { count: live })}</p>
      <form method="post" action="/me/calendar" class="inline" novalidate>
        <CsrfField ctx={ctx} />
        <button type="submit">{t('calendar.create')}</button>
      </form>{' '}
      {live > 0 ? (
        <form method="post" action="/me/calendar/revoke" class="inline" novalidate>
          <CsrfField ctx={ctx} />
          <button type="submit" class="danger">
            {t('calendar.revoke')}
          </button>
        </form>
      ) : null}
    </Layout>,
  );
}

/** A signed-in member's page for the secret address of their personal calendar. */
export function calendarPages(app: FastifyInstance, db: Db, config: Config): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get('/me/calendar', (req, reply) => myCalendarPage(db, req, reply));

  // The address is shown in this answer only (no redirect): it is stored hashed and cannot be shown again.
  app.post('/me/calendar', csrf, async (req, reply) => {
    authorize(req.user, true, 'create a calendar address');
    const url = await calendar.createCalendarToken(db, req.network, req.user, config.baseUrl);
    return myCalendarPage(db, req, reply, url);
  });

  app.post('/me/calendar/revoke', csrf, async (req, reply) => {
    authorize(req.user, true, 'revoke your calendar addresses');
    await calendar.revokeCalendarTokens(db, req.network, req.user);
    return reply.redirect('/me/calendar?revoked=1', 303);
  });
}
