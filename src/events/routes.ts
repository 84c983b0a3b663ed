import { z } from 'zod';
import { cancelEvent, updateEvent } from '../event-changes/service.js';
import { findChapter } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { findVenue } from '../venues/service.js';
import { bearer, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { AppError, notFound } from '../web/errors.js';
import { authorize, isAdmin } from '../web/policy.js';
import { SlugParamsSchema } from '../web/schemas.js';
import { chaptersOrganizedBy } from '../chapters/service.js';
import { authorizeEvent, eventPolicy, visibleTo } from './policy.js';
import {
  EventCancelSchema,
  EventCreateSchema,
  EventListQuerySchema,
  EventSchema,
  EventScopeSchema,
  EventUpdateSchema,
} from './schemas.js';
import * as eventsService from './service.js';
import { msg } from '../web/i18n.js';

const tags = ['events'];
const IdParams = z.object({ id: z.uuid({ message: 'must be an event id (UUID)' }) });

function encodeCursor(e: { startsAt: Date; id: string }) {
  return Buffer.from(JSON.stringify([e.startsAt.toISOString(), e.id])).toString('base64url');
}
function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  try {
    const [s, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const startsAt = new Date(s);
    if (!Number.isNaN(startsAt.getTime()) && typeof id === 'string') return { startsAt, id };
  } catch {
    // fall through
  }
  throw new AppError('validation', msg('error.badCursor'), [{ field: 'cursor', message: msg('validation.badCursor') }]);
}

const presentEvents = eventsService.viewEvents;

export function eventRoutes(app: Api, db: Db): void {
  app.post('/api/v1/chapters/:slug/events', {
    schema: {
      tags,
      summary: 'Create an event, or a series when `recurrence` is given (organisers, admins)',
      description:
        'A series materialises its occurrences twelve months ahead; each is an event of its own. A room booked at an overlapping time gives 409 naming the other event.',
      security: bearer,
      params: SlugParamsSchema,
      body: EventCreateSchema,
      response: {
        201: EventSchema.extend({
          occurrences: z.number().int().describe('Events created (1, or the occurrences of the series)'),
        }),
      },
    },
    handler: async (req, reply) => {
      const chapter = await findChapter(db, req.network, req.params.slug);
      authorize(req.user, await eventPolicy.manage(db, req.user, chapter), `create events for ${chapter.name}`);
      const { event, occurrences } = await eventsService.createEvent(db, req.network, req.params.slug, req.body);
      const [view] = await presentEvents(db, [event]);
      return reply
        .code(201)
        .header('location', `/api/v1/events/${event.id}`)
        .send({ ...view!, occurrences });
    },
  });

  app.get('/api/v1/events', {
    schema: {
      tags,
      summary: 'Upcoming events (by start), filtered by chapter, venue and time',
      querystring: EventListQuerySchema,
      response: { 200: z.object({ items: z.array(EventSchema), nextCursor: z.string().nullable() }) },
    },
    handler: async (req) => {
      const { chapter, venue, from, to, limit, cursor, includeDrafts } = req.query;
      const chapterId = chapter ? (await findChapter(db, req.network, chapter)).id : undefined;
      const venueId = venue ? (await findVenue(db, req.network, venue)).id : undefined;
      const includeDraftsOf =
        includeDrafts === 'true' && req.user
          ? isAdmin(req.user)
            ? 'all'
            : (await chaptersOrganizedBy(db, req.network, req.user.id)).map((c) => c.id)
          : undefined;
      const rows = await eventsService.listEvents(db, req.network, {
        chapterId,
        venueId,
        from: from ?? new Date(),
        to,
        includeDraftsOf,
        after: decodeCursor(cursor),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        items: await presentEvents(db, page),
        nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
      };
    },
  });

  app.get('/api/v1/events/:id', {
    schema: {
      tags,
      summary: 'An event, with capacity, confirmedCount and waitlistCount',
      params: IdParams,
      response: { 200: EventSchema },
    },
    handler: async (req) => {
      const event = await eventsService.findEvent(db, req.network, req.params.id);
      if (!(await eventPolicy.see(db, req.user, event)))
        throw notFound(msg('event.problem.theEvent', { id: event.id }));
      return eventsService.viewEvent(db, event);
    },
  });

  app.patch('/api/v1/events/:id', {
    schema: {
      tags,
      summary: 'Change an event; for a series, `?scope=occurrence|following|series`',
      security: bearer,
      params: IdParams,
      querystring: EventScopeSchema,
      body: EventUpdateSchema,
      response: { 200: EventSchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const event = await eventsService.findEvent(db, req.network, req.params.id);
      await authorizeEvent(db, user, event, 'change this event');
      const row = await updateEvent(db, req.network, event.id, req.body, req.query.scope);
      const [view] = await presentEvents(db, [row]);
      return view!;
    },
  });

  app.post('/api/v1/events/:id/cancel', {
    schema: {
      tags,
      summary: 'Cancel an event and every registration on it',
      security: bearer,
      params: IdParams,
      body: EventCancelSchema,
      response: { 200: EventSchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const event = await eventsService.findEvent(db, req.network, req.params.id);
      await authorizeEvent(db, user, event, 'cancel this event');
      const row = await cancelEvent(db, req.network, event.id, req.body.reason, user);
      const [view] = await presentEvents(db, [row]);
      return view!;
    },
  });

  app.get('/api/v1/series/:id', {
    schema: {
      tags,
      summary: 'A series: its rule and its occurrences (each an event)',
      params: z.object({ id: z.uuid() }),
      response: {
        200: z.object({
          id: z.uuid(),
          rrule: z.string(),
          exdates: z.array(z.string()),
          timeZone: z.string(),
          firstStartLocal: z.string().describe('Wall-clock start of the first occurrence'),
          materialisedUntil: z.string().describe('Occurrences exist up to here; extended as time passes'),
          occurrences: z.array(
            z.object({ id: z.uuid(), startsAt: z.string(), endsAt: z.string(), title: z.string(), status: z.string() }),
          ),
        }),
      },
    },
    handler: async (req) => {
      const { series, occurrences } = await eventsService.findSeries(db, req.network, req.params.id);
      const manager = await eventPolicy.manageEvent(db, req.user, series);
      return {
        id: series.id,
        rrule: series.rrule,
        exdates: series.exdates,
        timeZone: series.timeZone,
        firstStartLocal: series.firstStartLocal,
        materialisedUntil: series.materialisedUntil.toISOString(),
        occurrences: occurrences
          .filter((e) => visibleTo(e, manager))
          .map((e) => ({
            id: e.id,
            startsAt: e.startsAt.toISOString(),
            endsAt: e.endsAt.toISOString(),
            title: e.title,
            status: e.status,
          })),
      };
    },
  });
}
