import { z } from 'zod';

/**
 * What the admin import form asks besides the file: the CLI's --base-url, --fetch-media and
 * --keep-going. Checkboxes send "on" when ticked and nothing otherwise.
 */
export const ImportOptionsSchema = z.object({
  baseUrl: z
    .string()
    .trim()
    .max(300, 'newsImport.error.baseUrl')
    .refine((s) => s === '' || /^https?:\/\/[^\s/]+/i.test(s), 'newsImport.error.baseUrl')
    .refine((s) => {
      if (s === '') return true;
      try {
        return ['http:', 'https:'].includes(new URL(s).protocol);
      } catch {
        return false;
      }
    }, 'newsImport.error.baseUrl')
    .optional()
    .transform((s) => s || null)
    .describe("The old site's address when the export names another one: links to it point to the new articles"),
  fetchMedia: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on')
    .describe("Fetch the old site's pictures, featured images and attached files when the import runs"),
  keepGoing: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on')
    .describe('Skip items that cannot be imported, each listed with its reason, instead of importing nothing'),
});
export type ImportOptions = z.output<typeof ImportOptionsSchema>;
