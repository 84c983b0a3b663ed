import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The Fastify instance as the JSON API routes see it: Zod schemas give validation, types and OpenAPI. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Marks a route as needing a bearer token in the OpenAPI document. */
export const bearer = [{ bearerAuth: [] as string[] }];

export const NoContentSchema = z.null().describe('No content');
