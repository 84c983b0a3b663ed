import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { CONTACT_LIMITS, REPLY_DAYS } from './policy.js';
import { ContactMessageSchema, ContactParamsSchema, ContactSentSchema } from './schemas.js';
import { sendContactMessage } from './service.js';

/** POST /api/v1/members/:id/contact: a message to a member by e-mail, without either address shown. */
export function contactRoutes(app: Api, db: Db, config: Config): void {
  app.post('/api/v1/members/:id/contact', {
    schema: {
      tags: ['directory'],
      summary: 'Write to a member through the site',
      description: `The message is e-mailed to the member in their language; neither address is shown to the other. With \`shareAddress\`, the mail's Reply-To is the sender's address; without, it links to this form, where the recipient may answer for ${REPLY_DAYS} days. 404 for a member you cannot see in the directory (as for one that does not exist); 403 when they do not accept messages (opted out, or they blocked you: the answer is the same), for yourself, or before your address is confirmed; 429 past ${CONTACT_LIMITS.hour} messages an hour or ${CONTACT_LIMITS.day} a day. Who wrote to whom and when is logged, never the text.`,
      security: bearer,
      params: ContactParamsSchema,
      body: ContactMessageSchema,
      response: { 201: ContactSentSchema },
    },
    handler: async (req, reply) => {
      const sent = await sendContactMessage(db, req.network, req.user, req.params.id, req.body, config.baseUrl);
      return reply.code(201).send(sent);
    },
  });
}
