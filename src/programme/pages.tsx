import ical from 'ical-generator';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { findEvent } from '../events/service.js';
import { notFound } from '../web/errors.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import * as programme from './service.js';
import { msg } from '../web/i18n.js';
import { eventPath } from '../web/event-path.js';
import { formatDayTime } from '../events/format.js';

/** Speakers' public pages and one .ics per session. */
export function programmePages(app: FastifyInstance, db: Db, config: Config): void {
  app.get('/speakers/:slug', async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { speaker, sessions } = await programme.findSpeaker(db, req.network, (req.params as { slug: string }).slug);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={speaker.name}>
        <h1>{speaker.name}</h1>
        {speaker.bio ? <p>{speaker.bio}</p> : null}
        <h2>{ctx.t('programme.sessions')}</h2>
        <ul>
          {sessions.map((s) => (
            <li>
              <a href={eventPath({ id: s.eventId, title: s.eventTitle })}>{s.title}</a> —{' '}
              {formatDayTime(s.startsAt, ctx.locale, 'long')} ·{' '}
              <a href={`/sessions/${s.id}.ics`}>{ctx.t('programme.addToCalendar')}</a>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  app.get('/sessions/:file', async (req, reply) => {
    const id = /^(.+)\.ics$/.exec((req.params as { file: string }).file)?.[1];
    if (!id) throw notFound(msg('calendar.problem.calendar'));
    const s = await programme.findSession(db, req.network, id);
    const event = await findEvent(db, req.network, s.eventId);
    if (event.status === 'draft') throw notFound(msg('calendar.problem.calendar'));
    const entry = (await programme.programmeOf(db, req.network, event.id)).find((e) => e.id === s.id)!;
    const host = new URL(config.baseUrl).hostname;
    const cal = ical({ prodId: '//Essaim//Programme//EN', name: s.title });
    cal.createEvent({
      id: `session-${s.id}@${host}`,
      start: s.startsAt,
      end: s.endsAt,
      summary: `${s.title} — ${event.title}`,
      description: [s.abstract, entry.speakers.map((x) => x.name).join(', '), config.baseUrl + eventPath(event)]
        .filter(Boolean)
        .join('\n\n'),
      location: entry.room?.name ?? null,
      url: config.baseUrl + eventPath(event),
    });
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="session-${s.id}.ics"`)
      .send(cal.toString());
  });
}
