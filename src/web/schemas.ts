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

// C0 control characters and DEL: a line break in a title or a name would break the one-line formats it
// is written into (iCalendar, CSV, mail headers), so single-line fields refuse them all.
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const NO_CONTROL = 'validation.oneLine';

/** A single line (titles, names, cities): control characters are refused. */
export const text = (max: number, what = 'text') =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), NO_CONTROL)
    .describe(what);
export const requiredText = (max: number, what = 'text') =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), NO_CONTROL)
    .describe(what);
/** Text that is multi-line by nature (descriptions, bios, messages): line breaks and tabs are kept. */
export const paragraphs = (max: number, what = 'text') =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL_BUT_LINES.test(s), 'validation.noControl')
    .describe(what);
/** The same check for a plain z.string() pipeline (a display name). */
export const oneLine = (s: string) => !CONTROL.test(s);
export const ONE_LINE_MESSAGE = NO_CONTROL;

/** A path parameter that would fail PostgreSQL's uuid cast is treated as "no such thing", not a 500. */
export const isUuid = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
