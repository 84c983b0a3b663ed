import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, NoContentSchema, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { AppError } from '../web/errors.js';
import { offsetCursor, offsetFromCursor, PageQuerySchema } from '../web/pagination.js';
import { authorize } from '../web/policy.js';
import { SlugParamsSchema } from '../web/schemas.js';
import { followChapter, unfollowChapter } from './follow.js';
import { deleteMember, exportMember } from './gdpr.js';
import {
  AcceptedSchema,
  AttendanceItemSchema,
  AttendanceSummarySchema,
  DeleteMeSchema,
  MemberIdParamsSchema,
  ProfileSchema,
  ResendSchema,
  SignupSchema,
} from './me-schemas.js';
import { memberPolicy } from './policy.js';
import { presentAttendance } from './present.js';
import { ProfileUpdateSchema } from './schemas.js';
import * as members from './service.js';
import { resendVerification, signUp } from './signup.js';

const tags = ['members'];
const accepted = {
  status: 'accepted' as const,
  detail: 'If this address can be used, an e-mail is on its way to it. Follow its link to confirm the address.',
};
// Sign-up hashes a password and sends mail: few attempts per address, like the token endpoint.
const limited = { rateLimit: { max: 10, timeWindow: '1 minute' } };

/** The export as a file to keep, named for the day it was made. */
const attachment = (what: string) => `attachment; filename="${what}-${new Date().toISOString().slice(0, 10)}.json"`;

export function memberRoutes(app: Api, db: Db, config: Config): void {
  app.post('/api/v1/auth/signup', {
    schema: {
      tags,
      summary: 'Create a member account; a link to confirm the e-mail address is mailed to it',
      description:
        'Answers 202 the same way whether or not the address already has an account (its owner then gets a mail saying so, with a sign-in link). The account has no password until its owner follows the e-mailed link (/verify/…, 48 h, single use) and chooses one there: whoever signs up with an address cannot set the password of the account its owner will use.',
      body: SignupSchema,
      response: { 202: AcceptedSchema },
    },
    config: limited,
    handler: async (req, reply) => {
      await signUp(db, req.network, req.body, req.locale, config.baseUrl);
      return reply.code(202).send(accepted);
    },
  });

  app.post('/api/v1/auth/signup/resend', {
    schema: {
      tags,
      summary: 'Mail a new confirmation link to an account that has not confirmed its address',
      body: ResendSchema,
      response: { 202: AcceptedSchema },
    },
    config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
    handler: async (req, reply) => {
      await resendVerification(db, req.network, req.body.email, req.locale, config.baseUrl);
      return reply.code(202).send(accepted);
    },
  });

  app.get('/api/v1/me/profile', {
    schema: {
      tags,
      summary: 'My profile, with the chapters I follow',
      security: bearer,
      response: { 200: ProfileSchema },
    },
    handler: async (req) => members.myProfile(db, req.network, requireUser(req)),
  });

  app.patch('/api/v1/me/profile', {
    schema: {
      tags,
      summary: 'Change my profile (absent fields are unchanged)',
      description:
        'The region of residence is deduced from the city when the city is a known Belgian town and `residenceRegion` is not given.',
      security: bearer,
      body: ProfileUpdateSchema,
      response: { 200: ProfileSchema },
    },
    handler: async (req) => members.updateMyProfile(db, req.network, requireUser(req), req.body),
  });

  app.get('/api/v1/me/registrations', {
    schema: {
      tags,
      summary: 'My attendance history: events registered, attended, no-shows (newest first)',
      security: bearer,
      querystring: PageQuerySchema,
      response: {
        200: z.object({
          summary: AttendanceSummarySchema,
          items: z.array(AttendanceItemSchema),
          nextCursor: z.string().nullable(),
        }),
      },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const offset = offsetFromCursor(req.query.cursor);
      const rows = await members.myAttendance(db, user, { limit: req.query.limit + 1, offset });
      const items = rows.slice(0, req.query.limit);
      return {
        summary: await members.myAttendanceSummary(db, user),
        items: items.map(presentAttendance),
        nextCursor: rows.length > req.query.limit ? offsetCursor(offset + items.length) : null,
      };
    },
  });

  app.put('/api/v1/chapters/:slug/follow', {
    schema: {
      tags,
      summary: 'Follow a chapter (its news and invitations)',
      security: bearer,
      params: SlugParamsSchema,
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      await followChapter(db, req.network, requireUser(req).id, req.params.slug);
      return reply.code(204).send(null);
    },
  });

  app.delete('/api/v1/chapters/:slug/follow', {
    schema: {
      tags,
      summary: 'Stop following a chapter',
      security: bearer,
      params: SlugParamsSchema,
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      await unfollowChapter(db, req.network, requireUser(req).id, req.params.slug);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/me/export', {
    schema: {
      tags,
      summary: 'Download all my data (GDPR): account, profile, registrations and consents, invitations, sign-ups',
      security: bearer,
    },
    handler: async (req, reply) => {
      const user = requireUser(req);
      return reply
        .header('content-disposition', attachment('my-data'))
        .send(await exportMember(db, req.network, user.id, user));
    },
  });

  app.delete('/api/v1/me', {
    schema: {
      tags,
      summary: 'Delete my account (GDPR)',
      description:
        'Send {"confirm": "<your e-mail address>"}. The profile is erased, the account and its sessions, tokens and links removed; registrations are kept anonymised so events keep their counts.',
      security: bearer,
      body: DeleteMeSchema,
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      const user = requireUser(req);
      if (req.body.confirm.toLowerCase() !== user.email)
        throw new AppError('validation', 'To delete your account, send your own e-mail address as "confirm".', [
          { field: 'confirm', message: 'must be your e-mail address' },
        ]);
      await deleteMember(db, req.network, user.id, user);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/members/:id/export', {
    schema: {
      tags,
      summary: 'Download all data held about a member (admin; written in the audit log)',
      security: bearer,
      params: MemberIdParamsSchema,
    },
    handler: async (req, reply) => {
      authorize(req.user, memberPolicy.manage(req.user), "export a member's data");
      return reply
        .header('content-disposition', attachment(`member-${req.params.id}`))
        .send(await exportMember(db, req.network, req.params.id, req.user));
    },
  });

  app.delete('/api/v1/members/:id', {
    schema: {
      tags,
      summary: 'Delete a member (admin; written in the audit log)',
      security: bearer,
      params: MemberIdParamsSchema,
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      authorize(req.user, memberPolicy.manage(req.user), 'delete a member');
      await deleteMember(db, req.network, req.params.id, req.user);
      return reply.code(204).send(null);
    },
  });
}
