import { z } from 'zod';
import { chapterPolicy } from '../chapters/policy.js';
import { findChapter } from '../chapters/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { apiLocale } from '../web/errors.js';
import { authorize } from '../web/policy.js';
import { SlugParamsSchema } from '../web/schemas.js';
import { presentChapterFigures, presentEventFigures } from './present.js';
import {
  ChapterInvitationsSchema,
  CountSchema,
  EventInvitationsSchema,
  InviteSchema,
  PreviewSchema,
  SentSchema,
} from './schemas.js';
import * as invitations from './service.js';

const tags = ['invitations'];
const IdParams = z.object({ id: z.uuid({ message: 'must be an event id (UUID)' }) });
const who = 'Organisers of the event’s chapter and admins.';
const rules =
  'Segment fields are ANDed, values within a field ORed; at least one criterion. Opted-out members, unverified accounts, people already invited to the event and people already registered (by account or e-mail) are never included. `comeHome` needs the chapter’s region to name a Belgian province or region.';

/** "Come home" invitations: count a segment, send, and see who came back. */
export function invitationRoutes(app: Api, db: Db, config: Pick<Config, 'baseUrl'>): void {
  app.post('/api/v1/events/:id/invitations/preview', {
    schema: {
      tags,
      summary: 'Count the members a segment reaches and see the invitation they would get (nothing is sent)',
      description: `${rules} The sample is written for the first member of the segment, in the language of Accept-Language; its opt-out link is a dummy. Send with \`expectedCount\` set to \`count\` to be sure the sending reaches exactly that many. ${who}`,
      security: bearer,
      params: IdParams,
      body: PreviewSchema,
      response: { 200: CountSchema },
    },
    handler: (req) =>
      invitations.previewInvitations(db, req.network, req.user, req.params.id, req.body, {
        baseUrl: config.baseUrl,
        locale: apiLocale(req),
      }),
  });

  app.post('/api/v1/events/:id/invitations', {
    schema: {
      tags,
      summary: 'Invite a segment of members to an upcoming event',
      description: `${rules} Each new invitee gets one personal e-mail in their language, with a one-click opt-out. Sending again invites only people not yet invited. 409 for a draft, cancelled or started event, or when \`expectedCount\` is given and the segment now reaches another number (nothing is sent). ${who}`,
      security: bearer,
      params: IdParams,
      body: InviteSchema,
      response: { 201: SentSchema },
    },
    handler: async (req, reply) => {
      const sent = await invitations.sendInvitations(db, req.network, req.user, req.params.id, req.body, {
        baseUrl: config.baseUrl,
      });
      return reply.code(201).send(sent);
    },
  });

  app.get('/api/v1/events/:id/invitations', {
    schema: {
      tags,
      summary: 'Campaigns of an event: invited, then registered and attended',
      description: who,
      security: bearer,
      params: IdParams,
      response: { 200: EventInvitationsSchema },
    },
    handler: async (req) => {
      const event = await invitations.eventToManage(
        db,
        req.network,
        req.user,
        req.params.id,
        'see the invitations of this event',
      );
      return presentEventFigures(await invitations.eventInvitations(db, req.network, event));
    },
  });

  app.get('/api/v1/chapters/:slug/invitations', {
    schema: {
      tags,
      summary: 'Who came back: invitation figures per event of a chapter, and totals',
      description: 'Organisers of the chapter and admins.',
      security: bearer,
      params: SlugParamsSchema,
      response: { 200: ChapterInvitationsSchema },
    },
    handler: async (req) => {
      const chapter = await findChapter(db, req.network, req.params.slug);
      authorize(req.user, await chapterPolicy.edit(db, req.user, chapter), `see the invitations of ${chapter.name}`);
      return presentChapterFigures(await invitations.invitationStats(db, req.network, chapter.id));
    },
  });
}
