import { z } from 'zod';
import { AssignPersonSchema, PersonSchema } from '../chapters/schemas.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { geocoderFor } from '../maps/service.js';
import { bearer, NoContentSchema, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { decodeCursor, pageOf, toPage } from '../web/pagination.js';
import { authorize } from '../web/policy.js';
import { SlugParamsSchema } from '../web/schemas.js';
import { CHANGE_SLUG, venuePolicy } from './policy.js';
import { presentVenue } from './present.js';
import { venueActivity, venueForActivity, venueTotals, sharedContacts } from './activity.js';
import {
  SharedContactsSchema,
  VenueActivityQuerySchema,
  VenueTotalsSchema,
  VenueCreateSchema,
  VenueEventActivitySchema,
  VenueListQuerySchema,
  VenueSchema,
  VenueUpdateSchema,
} from './schemas.js';
import * as venues from './service.js';

const tags = ['venues'];

export function venueRoutes(app: Api, db: Db, config: Config): void {
  const present = async (req: { network: Parameters<typeof venues.roomsOf>[1] }, rows: venues.VenueRow[]) => {
    const ids = rows.map((v) => v.id);
    const [rooms, chapters] = await Promise.all([
      venues.roomsOf(db, req.network, ids),
      venues.hostedChapters(db, req.network, ids),
    ]);
    return rows.map((v) => presentVenue(v, rooms.get(v.id) ?? [], chapters.get(v.id) ?? []));
  };

  app.get('/api/v1/venues', {
    schema: {
      tags,
      summary: 'List venues, rooms included',
      querystring: VenueListQuerySchema,
      response: { 200: pageOf(VenueSchema) },
    },
    handler: async (req) => {
      const { limit, cursor, city, kind } = req.query;
      const page = toPage(
        await venues.listVenues(db, req.network, { city, kind, after: decodeCursor(cursor), limit: limit + 1 }),
        limit,
      );
      return { items: await present(req, page.items), nextCursor: page.nextCursor };
    },
  });

  app.post('/api/v1/venues', {
    schema: {
      tags,
      summary: 'Create a venue with its rooms (admins)',
      security: bearer,
      body: VenueCreateSchema,
      response: { 201: VenueSchema },
    },
    handler: async (req, reply) => {
      authorize(req.user, venuePolicy.create(req.user), 'create venues');
      const geocode = geocoderFor(config, (why) => req.log.warn(why));
      const row = await venues.createVenue(db, req.network, req.body, req.user, geocode);
      const [view] = await present(req, [row]);
      return reply.code(201).header('location', `/api/v1/venues/${row.slug}`).send(view!);
    },
  });

  app.get('/api/v1/venues/:slug', {
    schema: { tags, summary: 'A venue, rooms included', params: SlugParamsSchema, response: { 200: VenueSchema } },
    handler: async (req) => {
      const [view] = await present(req, [await venues.findVenue(db, req.network, req.params.slug)]);
      return view!;
    },
  });

  app.patch('/api/v1/venues/:slug', {
    schema: {
      tags,
      summary: 'Change a venue or its rooms (admins, its managers)',
      security: bearer,
      params: SlugParamsSchema,
      body: VenueUpdateSchema,
      response: { 200: VenueSchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const current = await venues.findVenue(db, req.network, req.params.slug);
      authorize(user, await venuePolicy.edit(db, user, current), `edit the venue ${current.name}`);
      if (req.body.slug !== undefined) authorize(user, venuePolicy.changeSlug(user), CHANGE_SLUG);
      const [view] = await present(req, [
        await venues.updateVenue(db, req.network, req.params.slug, req.body, req.user),
      ]);
      return view!;
    },
  });

  app.get('/api/v1/venues/:slug/activity', {
    schema: {
      tags,
      summary: 'Events held at the venue with their attendance (its managers and admins)',
      description:
        'Events in any room of the venue, drafts excepted: those not ended yet first (soonest first), then past ones (latest first), a page at a time.',
      security: bearer,
      params: SlugParamsSchema,
      querystring: VenueActivityQuerySchema,
      response: { 200: pageOf(VenueEventActivitySchema) },
    },
    handler: async (req) => {
      const venue = await venueForActivity(db, req.network, req.user, req.params.slug);
      return venueActivity(db, req.network, venue, {
        cursor: req.query.cursor,
        limit: req.query.limit,
        phase: req.query.phase,
      });
    },
  });

  app.get('/api/v1/venues/:slug/activity/totals', {
    schema: {
      tags,
      summary:
        'What the venue has hosted: past events, registrations, check-ins, shared contacts (its managers and admins)',
      security: bearer,
      params: SlugParamsSchema,
      response: { 200: VenueTotalsSchema },
    },
    handler: async (req) =>
      venueTotals(db, req.network, await venueForActivity(db, req.network, req.user, req.params.slug)),
  });

  app.get('/api/v1/venues/:slug/events/:eventId/shared-contacts', {
    schema: {
      tags,
      summary:
        'Name and e-mail of the people who agreed to share them with the venue, for one of its events (its managers and admins)',
      description:
        'Only registrations that are not cancelled and whose person ticked "share my name and e-mail with the host venue" (and has not withdrawn it). 404 when the event is not held at this venue.',
      security: bearer,
      params: SlugParamsSchema.extend({ eventId: z.string().max(100) }),
      response: { 200: SharedContactsSchema },
    },
    handler: async (req) => {
      const venue = await venueForActivity(db, req.network, req.user, req.params.slug);
      return sharedContacts(db, req.network, venue, req.params.eventId);
    },
  });

  app.get('/api/v1/venues/:slug/managers', {
    schema: {
      tags,
      summary: 'Managers of a venue (admins, its managers)',
      security: bearer,
      params: SlugParamsSchema,
      response: { 200: z.object({ items: z.array(PersonSchema) }) },
    },
    handler: async (req) => {
      const venue = await venues.findVenue(db, req.network, req.params.slug);
      authorize(req.user, await venuePolicy.edit(db, req.user, venue), `see the managers of ${venue.name}`);
      return { items: await venues.listManagers(db, req.network, venue.id) };
    },
  });

  app.post('/api/v1/venues/:slug/managers', {
    schema: {
      tags,
      summary: 'Make an existing account a manager of the venue (admins)',
      security: bearer,
      params: SlugParamsSchema,
      body: AssignPersonSchema,
      response: { 201: PersonSchema, 200: PersonSchema },
    },
    handler: async (req, reply) => {
      authorize(req.user, venuePolicy.manageManagers(req.user), 'appoint venue managers');
      const { user, created } = await venues.addManager(db, req.network, req.params.slug, req.body.email, req.user);
      return reply.code(created ? 201 : 200).send({ id: user.id, name: user.name, email: user.email });
    },
  });

  app.delete('/api/v1/venues/:slug/managers/:userId', {
    schema: {
      tags,
      summary: 'Remove a venue manager (admins)',
      security: bearer,
      params: SlugParamsSchema.extend({ userId: z.uuid() }),
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      authorize(req.user, venuePolicy.manageManagers(req.user), 'remove venue managers');
      await venues.removeManager(db, req.network, req.params.slug, req.params.userId, req.user);
      return reply.code(204).send(null);
    },
  });
}
