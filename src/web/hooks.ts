import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * An onSend hook written as a plain function (the payload it returns is sent), registered in
 * Fastify's callback style: an async hook costs every answer a promise and a turn of the
 * microtask queue, for hooks that never wait for anything.
 */
export function onSendSync(
  fn: (req: FastifyRequest, reply: FastifyReply, payload: unknown) => unknown,
): (
  req: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (err: Error | null, payload?: unknown) => void,
) => void {
  return (req, reply, payload, done) => {
    let next: unknown;
    try {
      next = fn(req, reply, payload);
    } catch (err) {
      return done(err as Error);
    }
    done(null, next);
  };
}
