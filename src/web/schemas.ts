import { z } from 'zod';

/** Shared input pieces, so every feature says the same thing the same way. */
export const SlugSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single dashes, e.g. "charleroi"')
  .describe('URL name, unique in the network; made from the name when omitted');

export const SlugParamsSchema = z.object({ slug: z.string().min(1).max(80) });

export const IsoDateSchema = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

export const text = (max: number, what = 'text') =>
  z.string().trim().max(max, `must be at most ${max} characters`).describe(what);
export const requiredText = (max: number, what = 'text') =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`).describe(what);

/** A path parameter that would fail PostgreSQL's uuid cast is treated as "no such thing", not a 500. */
export const isUuid = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
