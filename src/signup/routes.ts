import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import type { Api } from '../web/api.js';
import { countSignUp, SIGNUPS_PER_MINUTE } from './limit.js';
import { AcceptedSchema, ResendSchema, SignupSchema } from './schemas.js';
import { resendVerification, signUp } from './service.js';

const tags = ['members'];
const accepted = {
  status: 'accepted' as const,
  detail: 'If this address can be used, an e-mail is on its way to it. Follow its link to confirm the address.',
};
// Only a valid sign-up counts towards the limit of the address (countSignUp); this bound, on
// every post, stops a flood of invalid ones.
const limited = { rateLimit: { max: 60, timeWindow: '1 minute' } };

/** Sign-up and a new confirmation link: the same answer whether or not the address has an account. */
export function signupRoutes(app: Api, db: Db, config: Config): void {
  app.post('/api/v1/auth/signup', {
    schema: {
      tags,
      summary: 'Create a member account; a link to confirm the e-mail address is mailed to it',
      description: `Answers 202 the same way whether or not the address already has an account (its owner then gets a mail saying so, with a sign-in link). The account has no password until its owner follows the e-mailed link (/verify/…, 48 h, single use) and chooses one there: whoever signs up with an address cannot set the password of the account its owner will use. 429 past ${SIGNUPS_PER_MINUTE} valid sign-ups a minute from one address (a refused one, 400, is not counted).`,
      body: SignupSchema,
      response: { 202: AcceptedSchema },
    },
    config: limited,
    handler: async (req, reply) => {
      await countSignUp(app, req, reply);
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
}
