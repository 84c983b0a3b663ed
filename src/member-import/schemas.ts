import { z } from 'zod';
import { importFields } from './mapping.js';

const flag = (what: string) =>
  z.enum(['true', 'false'], { message: 'must be true or false' }).optional().describe(what);

/** The raw bytes of the file (their encoding is detected), so nothing to validate here: only documented. */
export const ImportBodySchema = z
  .any()
  .describe('The CSV file, as saved by a spreadsheet: a header row, then one member per row');

export const ImportQuerySchema = z.object({
  dryRun: flag('true: report what would happen, write nothing'),
  welcome: flag('true: send each new member a welcome e-mail in their language (none by default)'),
  map: z
    .string()
    .max(1000)
    .optional()
    .describe(
      'Explicit column mapping, field=Column (a header or a 1-based number), comma-separated: "email=Courriel,name=Nom"',
    ),
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('The file name recorded in the audit log (default upload.csv)'),
});

export const ImportReportSchema = z.object({
  dryRun: z.boolean(),
  total: z.number().int().describe('Data rows in the file (header and blank lines aside)'),
  created: z.number().int().describe('Accounts created (in a dry run: that would be created)'),
  known: z.number().int().describe('Rows whose e-mail already has an account: left untouched'),
  rejected: z.array(
    z.object({ line: z.number().int().describe('Physical line of the file where the row starts'), reason: z.string() }),
  ),
  summary: z.string().describe('"7000 new · 10 already known · 10 rejected"'),
  mapping: z.array(
    z.object({ column: z.string(), field: z.enum(importFields).nullable().describe('null: the column is ignored') }),
  ),
  header: z.boolean().describe('Whether the first row was read as a header'),
  encoding: z.enum(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']),
  delimiter: z.enum([',', ';', '\t']),
});
