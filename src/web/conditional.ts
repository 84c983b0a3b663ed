import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Feeds that machines poll (calendar apps, feed readers, crawlers) are answered with an ETag —
 * a hash of the exact body — and a Last-Modified date, and a `304 Not Modified` when the client
 * already holds that version, so a poll every few minutes costs one small answer.
 */
export interface CachedBody {
  body: string;
  type: string;
  /** The newest change behind the body, if known (sent to the second, as HTTP dates are). */
  lastModified?: Date | undefined;
  cacheControl: string;
}

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
export function isNotModified(req: FastifyRequest, etag: string, lastModified: Date | undefined): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    const strip = (tag: string) => tag.trim().replace(/^W\//, '');
    return inm.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
  }
  const ims = req.headers['if-modified-since'];
  if (ims === undefined || !lastModified) return false;
  const since = Date.parse(ims);
  if (Number.isNaN(since)) return false;
  return Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

export function sendCached(req: FastifyRequest, reply: FastifyReply, c: CachedBody): FastifyReply {
  const etag = etagOf(c.body);
  reply.header('etag', etag).header('cache-control', c.cacheControl);
  if (c.lastModified) reply.header('last-modified', c.lastModified.toUTCString());
  if (isNotModified(req, etag, c.lastModified)) return reply.code(304).send();
  return reply.code(200).type(c.type).send(c.body);
}

/** The latest of some dates; undefined when there are none. */
export function latest(dates: Iterable<Date | null | undefined>): Date | undefined {
  let max: Date | undefined;
  for (const d of dates) if (d && (!max || d > max)) max = d;
  return max;
}
