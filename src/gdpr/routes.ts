import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor } from '../storage/service.js';
import { bearer, NoContentSchema, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { AppError } from '../web/errors.js';
import { authorize } from '../web/policy.js';
import { gdprPolicy } from './policy.js';
import { DeleteMeSchema, MemberIdParamsSchema } from './schemas.js';
import { deleteMember, exportMember } from './service.js';
import { msg } from '../web/i18n.js';

const tags = ['members'];

/** The export as a file to keep, named for the day it was made. */
const attachment = (what: string) => `attachment; filename="${what}-${new Date().toISOString().slice(0, 10)}.json"`;

/** My data and an admin's access to anyone's: export (art. 15, 20) and erasure (art. 17). */
export function gdprRoutes(app: Api, db: Db, config: Config): void {
  const store = blobStoreFor(config);
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
        throw new AppError('validation', msg('gdpr.problem.confirm'), [
          { field: 'confirm', message: msg('gdpr.problem.confirmField') },
        ]);
      await deleteMember(db, store, req.network, user.id, user);
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
      authorize(req.user, gdprPolicy.manageOthers(req.user), "export a member's data");
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
      authorize(req.user, gdprPolicy.manageOthers(req.user), 'delete a member');
      await deleteMember(db, store, req.network, req.params.id, req.user);
      return reply.code(204).send(null);
    },
  });
}
