import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { toCsv } from '../web/csv.js';
import { AppError } from '../web/errors.js';
import { refuse } from './refusal.js';
import {
  importPlan,
  MAX_BYTES,
  planImport,
  reasonText,
  summaryLine,
  type ImportPlan,
  type ImportResult,
} from './service.js';
import { msg } from '../web/i18n.js';

export const importHelp = `Usage: essaim members import FILE.csv [--dry-run] [--welcome] [--map field=Column,...] [--report rejected.csv]

Imports members from a CSV file (UTF-8 or Windows-1252, comma or semicolon separated, at most
20 MB and 100,000 rows). Columns are recognised by their header in French, Dutch or English
(e-mail/courriel, nom/naam, prénom/voornaam, ville/woonplaats, région d'origine/regio van
herkomst, compétences/vaardigheden, profil, langue/taal, bio); --map names the others, by
header or 1-based number: --map email=Courriel,originRegion=3. Fields: email, name, firstName,
lastName, city, originRegion, residenceRegion, skills, kind, bio, locale.

Addresses that already have an account are counted as already known and left as they are, so
importing the same file again adds nobody. Imported members get no e-mail unless --welcome is
given. --dry-run reports what would happen and writes nothing. --report writes every rejected
row (line, reason and the row itself) to a CSV file. The last line is the summary:
"7000 new · 10 already known · 10 rejected". Works whether or not \`essaim serve\` is running.`;

/** Reads the file and checks it before the database is opened: a bad file fails fast. */
export function readImportFile(file: string, map?: string): { plan: ImportPlan; name: string } {
  let bytes: Buffer;
  try {
    if (fs.statSync(file).size > MAX_BYTES) refuse('size', { maxMb: String(MAX_BYTES / 1024 / 1024) });
    bytes = fs.readFileSync(file);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'not_found',
      msg('memberImport.problem.cannotRead', {
        file,
        reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message,
      }),
    );
  }
  return { plan: planImport(bytes, map), name: path.basename(file) };
}

/**
 * Progress on stderr: a bar redrawn in place on a terminal; a plain line every 10 % (at most
 * one every second) when stderr is a file or a pipe, so logs stay readable.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let lastPlain = -1;
  let lastAt = 0;
  return {
    update(done: number, total: number) {
      const pct = total ? Math.floor((done / total) * 100) : 100;
      if (stream.isTTY) {
        const width = 30;
        const full = Math.round((pct / 100) * width);
        stream.write(`\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${done}/${total} rows ${pct}%`);
        if (done >= total) stream.write('\n');
      } else if (done >= total ? lastPlain !== 100 : pct >= lastPlain + 10 && Date.now() - lastAt >= 1000) {
        lastPlain = done >= total ? 100 : pct - (pct % 10);
        lastAt = Date.now();
        stream.write(`import: ${done}/${total} rows (${pct}%)\n`);
      }
    },
  };
}

const SHOWN = 20;

export async function runMembersImport(
  db: Db,
  network: Network,
  input: { plan: ImportPlan; name: string },
  opts: { dryRun: boolean; welcome: boolean; report?: string; baseUrl: string },
): Promise<ImportResult> {
  const progress = progressReporter();
  const result = await importPlan(db, network, input.plan, {
    dryRun: opts.dryRun,
    welcome: opts.welcome,
    fileName: input.name,
    actor: null,
    baseUrl: opts.baseUrl,
    onProgress: progress.update,
  });
  const { mapping } = result;
  console.log(
    `columns: ${mapping.headers.map((h, i) => `${h} → ${mapping.columns[i] ?? 'ignored'}`).join(', ')}${mapping.header ? '' : ' (no header row)'}`,
  );
  for (const r of result.rejected.slice(0, SHOWN)) console.log(`line ${r.line}: ${reasonText(r)}`);
  if (result.rejected.length > SHOWN)
    console.log(`… and ${result.rejected.length - SHOWN} more — see ${opts.report ?? '--report'}`);
  if (opts.report) {
    const rows = result.rejected.map((r) => [r.line, reasonText(r), ...r.fields]);
    fs.writeFileSync(opts.report, toCsv([['line', 'reason', ...(mapping.header ? mapping.headers : [])], ...rows]));
    console.log(`rejected rows written to ${opts.report}`);
  }
  if (result.dryRun) console.log('dry run: nothing was written');
  console.log(summaryLine(result));
  return result;
}
