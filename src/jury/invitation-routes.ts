import { z } from 'zod';
import * as calls from '../calls/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { inviteJuror, resendInvitation } from './invitations.js';
import { JurorInviteSchema, JurorSchema } from './schemas.js';
import * as jury from './service.js';

const tags = ['jury'];
const Id = z.object({ id: z.uuid({ message: 'must be an id (UUID)' }) });

export const presentJuror = (j: jury.JurorRow, stage: number, now = new Date()) => ({
  id: j.id,
  stage,
  name: j.name,
  email: j.email,
  former: j.userId === null,
  languages: j.languages,
  rulesAccepted: j.rulesAcceptedAt !== null,
  locale: j.locale as 'fr' | 'nl' | 'en',
  invitation: j.inviteUsedAt
    ? ('accepted' as const)
    : j.inviteExpiresAt <= now
      ? ('expired' as const)
      : ('pending' as const),
  invitationExpiresAt: j.inviteExpiresAt.toISOString(),
});

/** Jurors of a call: invited by e-mail with a single-use link that expires, and sent a new one on demand. */
export function jurorInvitationRoutes(app: Api, db: Db, config: Config): void {
  app.post('/api/v1/calls/:id/jurors', {
    config: { problems: [409] },
    schema: {
      tags,
      summary: 'Invite a juror to a stage by e-mail (call managers); they need not be members',
      description:
        'The invitation link works once and for 14 days; the mail is in the juror’s profile language, else `locale`, else the language of this request. 409 when the address is already a juror of the stage.',
      security: bearer,
      params: Id,
      body: JurorInviteSchema,
      response: { 201: JurorSchema },
    },
    handler: async (req, reply) => {
      const { juror, stage } = await inviteJuror(db, req.network, req.user, req.params.id, req.body, config);
      return reply.code(201).send(presentJuror(juror, stage.position));
    },
  });

  app.post('/api/v1/calls/:id/jurors/:jurorId/invitation', {
    schema: {
      tags,
      summary: 'Send a juror a new invitation link (call managers)',
      description: 'The previous link stops working; the new one works once and for 14 days.',
      security: bearer,
      params: Id.extend({ jurorId: z.uuid({ message: 'must be an id (UUID)' }) }),
      response: { 200: JurorSchema },
    },
    handler: async (req) => {
      const { juror, stage } = await resendInvitation(
        db,
        req.network,
        req.user,
        req.params.id,
        req.params.jurorId,
        config,
      );
      return presentJuror(juror, stage.position);
    },
  });

  app.get('/api/v1/calls/:id/jurors', {
    schema: {
      tags,
      summary: 'Jurors of every stage, with the state of their invitation (call managers)',
      security: bearer,
      params: Id,
      response: { 200: z.object({ items: z.array(JurorSchema) }) },
    },
    handler: async (req) => {
      const call = await jury.managedCall(db, req.network, req.user, req.params.id, 'see the jury of this call');
      const stages = await calls.stagesOf(db, call.id);
      const pos = new Map(stages.map((s) => [s.id, s.position]));
      return { items: (await jury.jurorsOfCall(db, call.id)).map((j) => presentJuror(j, pos.get(j.stageId) ?? 1)) };
    },
  });
}
