import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../web/errors.js';
import { msg } from '../web/i18n.js';

// Sign-up sends mail: few attempts per address a minute, the page and the API together.
export const SIGNUPS_PER_MINUTE = 10;

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;
const limiters = new WeakMap<FastifyInstance, Limiter>();

/**
 * Counts a sign-up that passed validation, and refuses it past the limit (429, Retry-After). The
 * route's own rate limit counted every post before it was read, so a person correcting a typo in
 * their address spent the attempts of a bot; only a sign-up that would be carried out counts now.
 */
export async function countSignUp(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  let limiter = limiters.get(app);
  if (!limiter) {
    limiter = app.createRateLimit({
      max: SIGNUPS_PER_MINUTE,
      timeWindow: '1 minute',
      keyGenerator: (r) => `signup:${r.ip}`,
    });
    limiters.set(app, limiter);
  }
  const limit = await limiter(req);
  if (limit.isAllowed || !limit.isExceeded) return;
  reply.header('retry-after', limit.ttlInSeconds);
  throw new AppError('rate_limited', msg('error.rateLimited'));
}
