import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, NoContentSchema, type Api } from '../web/api.js';
import { requireUser, SESSION_COOKIE } from '../web/context.js';
import { translator } from '../web/i18n.js';
import { authorize, isAdmin } from '../web/policy.js';
import { changePassword } from './password-change.js';
import { sendPasswordLink } from './password-mail.js';
import {
  AccountIdParamsSchema,
  NewTokenSchema,
  PasswordLinkSentSchema,
  PasswordChangedSchema,
  PasswordChangeSchema,
  TokenCreateSchema,
  TokenSchema,
  UserSchema,
} from './schemas.js';
import * as accounts from './service.js';

const tags = ['accounts'];

const presentToken = (t: Awaited<ReturnType<typeof accounts.listTokens>>[number]) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export function accountRoutes(app: Api, db: Db, config: Pick<Config, 'baseUrl'>): void {
  app.post('/api/v1/auth/tokens', {
    schema: {
      tags,
      summary: 'Exchange an e-mail and password for a new API token',
      body: TokenCreateSchema,
      response: { 201: NewTokenSchema },
    },
    // Password guessing is the attack here: few attempts per address.
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    handler: async (req, reply) => {
      const user = await accounts.authenticate(db, req.network.id, req.body.email, req.body.password);
      const { row, token } = await accounts.createToken(db, user, req.body.name, user);
      return reply.code(201).send({ ...presentToken(row), token });
    },
  });

  app.get('/api/v1/auth/tokens', {
    schema: {
      tags,
      summary: 'My API tokens (never the tokens themselves)',
      security: bearer,
      response: { 200: z.object({ items: z.array(TokenSchema) }) },
    },
    handler: async (req) => ({ items: (await accounts.listTokens(db, requireUser(req))).map(presentToken) }),
  });

  app.delete('/api/v1/auth/tokens/:id', {
    schema: {
      tags,
      summary: 'Revoke one of my API tokens',
      security: bearer,
      params: z.object({ id: z.uuid() }),
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      await accounts.revokeToken(db, requireUser(req), req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/me', {
    schema: { tags, summary: 'The account behind the token', security: bearer, response: { 200: UserSchema } },
    handler: async (req) => {
      const user = requireUser(req);
      return { id: user.id, email: user.email, name: user.name, role: user.role };
    },
  });

  app.put('/api/v1/me/password', {
    schema: {
      tags,
      summary: 'Change my password: every other session and API token of mine is ended',
      description:
        'The current password is required when the account has one (a wrong one is a 401 naming `currentPassword`, and counts as a failed sign-in of the account). The token or session making the request stays valid; a notice is e-mailed to the account.',
      security: bearer,
      body: PasswordChangeSchema,
      response: { 200: PasswordChangedSchema },
    },
    // Guessing the current password from a stolen session: as few attempts as a sign-in.
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    handler: async (req) => {
      const bearerToken = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const keep = bearerToken ? { token: bearerToken } : { cookie: req.cookies[SESSION_COOKIE] };
      return changePassword(db, req.network, requireUser(req), req.body, keep, {
        baseUrl: config.baseUrl,
        locale: req.locale,
      });
    },
  });

  app.post('/api/v1/members/:id/password-link', {
    schema: {
      tags,
      summary: 'Send a member a link to choose a password (admin; written in the audit log)',
      description:
        'The same single-use link as "forgot your password?" (valid one hour), in an e-mail in the member\'s language saying an administrator sent it. For a forgotten password, or a first one for an account made by hand or by an import. The answer never carries the link.',
      security: bearer,
      params: AccountIdParamsSchema,
      response: { 202: PasswordLinkSentSchema },
    },
    handler: async (req, reply) => {
      authorize(req.user, isAdmin(req.user), 'send a password link');
      await sendPasswordLink(db, req.network, req.params.id, requireUser(req), config.baseUrl, req.locale);
      return reply.code(202).send({ message: translator(req.locale)('members.admin.passwordLinkDone') });
    },
  });
}
