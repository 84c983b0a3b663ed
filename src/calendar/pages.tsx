import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { markdownToText } from '../events/markdown.js';
import type { EventView } from '../events/schemas.js';
import { Section } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { googleCalendarUrl, outlookCalendarUrl, placeText } from './format.js';
import * as calendar from './service.js';

/** Calendar services put the details in a URL: a long description is cut, the page link always kept. */
const MAX_DETAILS = 800;

/** "Add to my calendar": the event's .ics file, Google Calendar and Outlook. */
export function AddToCalendar({ ctx, view, baseUrl }: { ctx: PageContext; view: EventView; baseUrl: string }) {
  const { t } = ctx;
  const pageUrl = `${baseUrl}/events/${view.id}`;
  // Calendar services show the details as plain text: the Markdown is rendered to text first.
  const plain = markdownToText(view.description);
  const text = plain.length > MAX_DETAILS ? `${plain.slice(0, MAX_DETAILS)}…` : plain;
  const link = {
    title: view.title,
    startsAt: new Date(view.startsAt),
    endsAt: new Date(view.endsAt),
    details: [text, pageUrl].filter(Boolean).join('\n\n'),
    location: placeText(view),
  };
  return (
    <p class="add-to-calendar">
      {t('calendar.add')}{' '}
      <a href={`/events/${view.id}.ics`} download={`${view.id}.ics`} type="text/calendar">
        {t('calendar.download')}
      </a>
      {' · '}
      <a href={googleCalendarUrl(link)} rel="noopener nofollow">
        {t('calendar.google')}
      </a>
      {' · '}
      <a href={outlookCalendarUrl(link)} rel="noopener nofollow">
        {t('calendar.outlook')}
      </a>
    </p>
  );
}

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
          <input id="calendar-url" readOnly value={created} />
          <p>
            <a href={webcal(created)}>{t('calendar.subscribe')}</a>
          </p>
        </Section>
      ) : null}
      <p class="muted">{t('calendar.active', { count: live })}</p>
      <form method="post" action="/me/calendar" class="inline">
        <CsrfField ctx={ctx} />
        <button type="submit">{t('calendar.create')}</button>
      </form>{' '}
      {live > 0 ? (
        <form method="post" action="/me/calendar/revoke" class="inline">
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
