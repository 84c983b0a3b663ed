import { moneyScope } from '../budgets/service.js';
import { findChapter } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { findEvent } from '../events/service.js';
import { findVenue, venuesManagedBy } from '../venues/service.js';
import { bearer, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { translator } from '../web/i18n.js';
import { authorize, isAdmin } from '../web/policy.js';
import { SlugParamsSchema } from '../web/schemas.js';
import { z } from 'zod';
import { definitionKeys } from './messages.js';
import { reportPolicy } from './policy.js';
import {
  ChapterReportSchema,
  EventReportSchema,
  NetworkReportSchema,
  VenueQuerySchema,
  VenueReportSchema,
  YearQuerySchema,
} from './schemas.js';
import { chapterReport, eventReport, networkReport } from './service.js';
import { venueDashboard } from './venue.js';

const tags = ['reports'];

/** The definitions of the figures, in the reader's language: printed with every report. */
export const definitionsIn = (locale: Parameters<typeof translator>[0]) => {
  const t = translator(locale);
  return Object.fromEntries(definitionKeys.map((k) => [k, t(`figures.def.${k}`)]));
};

export function reportRoutes(app: Api, db: Db): void {
  app.get('/api/v1/reports/network', {
    schema: {
      tags,
      summary:
        "The network's year: events, attendance, uniques, new vs returning, by chapter and month (admins, network treasurers)",
      security: bearer,
      querystring: YearQuerySchema,
      response: { 200: NetworkReportSchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      authorize(user, reportPolicy.network(await moneyScope(db, req.network, user)), "see the network's reports");
      return { ...(await networkReport(db, req.network, req.query.year)), definitions: definitionsIn(req.locale) };
    },
  });

  app.get('/api/v1/reports/chapters/:slug', {
    schema: {
      tags,
      summary: "A chapter's year: growth and health (its organisers and treasurers, admins)",
      security: bearer,
      params: SlugParamsSchema,
      querystring: YearQuerySchema,
      response: { 200: ChapterReportSchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const chapter = await findChapter(db, req.network, req.params.slug);
      authorize(
        user,
        reportPolicy.chapter(await moneyScope(db, req.network, user), chapter.id),
        `see the reports of ${chapter.name}`,
      );
      return {
        ...(await chapterReport(db, req.network, chapter.slug, req.query.year)),
        definitions: definitionsIn(req.locale),
      };
    },
  });

  app.get('/api/v1/reports/events/:id', {
    schema: {
      tags,
      summary: "An event's figures and costs (organisers and treasurers of its chapter, admins)",
      security: bearer,
      params: z.object({ id: z.uuid() }),
      response: { 200: EventReportSchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const event = await findEvent(db, req.network, req.params.id);
      authorize(
        user,
        reportPolicy.chapter(await moneyScope(db, req.network, user), event.chapterId),
        "see this event's report",
      );
      return { ...(await eventReport(db, req.network, event.id)), definitions: definitionsIn(req.locale) };
    },
  });

  app.get('/api/v1/reports/venues/:slug', {
    schema: {
      tags,
      summary:
        "The venue partner's dashboard (its managers, admins); counts from 1 to 4 withheld; every view is logged",
      security: bearer,
      params: SlugParamsSchema,
      querystring: VenueQuerySchema,
      response: { 200: VenueReportSchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const venue = await findVenue(db, req.network, req.params.slug);
      authorize(
        user,
        reportPolicy.venue(isAdmin(user), await venuesManagedBy(db, req.network, user.id), venue.id),
        `see the dashboard of ${venue.name}`,
      );
      const {
        contacts: _c,
        events: _e,
        ...figures
      } = await venueDashboard(db, req.network, user, venue.slug, req.query);
      return { ...figures, definitions: definitionsIn(req.locale) };
    },
  });
}
