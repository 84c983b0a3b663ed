import { recordAudit } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import { composeMail } from '../mail/service.js';
import { profileRow } from '../profiles/service.js';
import type { Network } from '../networks/service.js';
import { translator, type T } from '../web/i18n.js';
import { readPeopleCsv, type CsvRecord, type ParsedCsv } from './csv.js';
import { detectMapping, multilineColumns, type ColumnMapping } from './mapping.js';
import { existingEmails, insertMails, insertProfiles, insertUsers } from './queries.js';
import { refuse } from './refusal.js';
import { readRow, type Candidate, type Rejection } from './rows.js';

/**
 * Limits: 20 MB is ~200,000 ordinary rows, so the row limit (100,000 per import, about 15 s of
 * work) is what a real file meets first; both keep one request's memory and transaction bounded.
 */
export const MAX_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 100_000;
/** Rows per multi-row INSERT: ~20 parameters a profile stays far below PostgreSQL's 65,535. */
const BATCH = 1_000;

/** What reading a file gives before the database is asked anything. */
export interface ImportPlan {
  mapping: ColumnMapping;
  encoding: ParsedCsv['encoding'];
  delimiter: ParsedCsv['delimiter'];
  total: number;
  candidates: Candidate[];
  rejected: Rejection[];
}

export interface ImportResult extends Omit<ImportPlan, 'candidates'> {
  created: number;
  known: number;
  dryRun: boolean;
}

export interface ImportOptions {
  dryRun?: boolean;
  welcome?: boolean;
  /** Explicit mapping, "email=Courriel,name=Nom". */
  map?: string;
  fileName: string;
  /** Null for the command line. */
  actor: { id: string; email: string } | null;
  baseUrl: string;
  /** Rows dealt with so far, of `total`: after reading, then after each batch written. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Bytes → members to create and rows refused, without the database: decoding, mapping, each
 * row's rules, and duplicates within the file (the first valid row of an address wins; later
 * ones are refused as its duplicates).
 */
export function planImport(bytes: Uint8Array, map?: string): ImportPlan {
  if (bytes.length > MAX_BYTES) refuse('size', { maxMb: String(MAX_BYTES / 1024 / 1024) });
  if (bytes.length === 0) refuse('empty');
  // Read strictly (a stray quote is a row's problem, never a merge of rows) and one record at a
  // time: only the first hundred are held to recognise the columns, then each row is checked and
  // let go, so a large file costs its text and its results, not every record besides.
  const csv = readPeopleCsv(bytes, multilineColumns);
  const head: CsvRecord[] = [];
  // (next() by hand: breaking out of a for…of would close the generator.)
  for (let r = csv.records.next(); !r.done; r = csv.records.next()) {
    head.push(r.value);
    if (head.length >= 100) break;
  }
  const mapping = detectMapping(
    head.filter((r) => !r.problem),
    map,
  );
  const candidates: Candidate[] = [];
  const rejected: Rejection[] = [];
  const firstLine = new Map<string, number>();
  let total = 0;
  const rows = (function* () {
    yield* head.slice(mapping.header && !head[0]?.problem ? 1 : 0);
    yield* csv.records;
  })();
  for (const record of rows) {
    // Past the limit the rows are only counted, for the refusal to say how many there are.
    if (++total > MAX_ROWS) continue;
    const row = readRow(record, mapping);
    if ('reason' in row) rejected.push(row);
    else if (firstLine.has(row.email))
      rejected.push({
        line: row.line,
        reason: 'duplicate',
        vars: { line: String(firstLine.get(row.email)) },
        fields: record.fields,
      });
    else {
      firstLine.set(row.email, row.line);
      candidates.push(row);
    }
  }
  if (total > MAX_ROWS) refuse('rows', { count: String(total), max: String(MAX_ROWS) });
  return { mapping, encoding: csv.encoding, delimiter: csv.delimiter, total, candidates, rejected };
}

/**
 * Imports a CSV of members. Existing accounts are "already known" and left untouched, so the
 * same file imported twice adds nobody. Imported accounts have no password (they sign in by
 * e-mailed link, so no argon2 cost either) and their address counts as verified at import
 * time: the network vouches for its own list. Profiles stay out of the directory (opt-in). One
 * transaction for the whole file: an import is all there or not at all, with its audit entry.
 * A dry run gives the same report and writes nothing.
 */
export function importMembers(db: Db, network: Network, bytes: Uint8Array, opts: ImportOptions): Promise<ImportResult> {
  // One import at a time per process: a file in flight holds its text and its rows (up to a few
  // hundred MB for the largest accepted file), so a dozen uploads at once would hold a dozen of
  // them. Waiting uploads hold only their bytes (20 MB at most each); each runs when the one
  // before has finished or failed.
  const run = importsDone.then(() => importPlan(db, network, planImport(bytes, opts.map), opts));
  importsDone = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}
let importsDone: Promise<void> = Promise.resolve();

/** The same from a plan already read (the command line reads the file before opening the database). */
export async function importPlan(
  db: Db,
  network: Network,
  plan: ImportPlan,
  opts: Omit<ImportOptions, 'map'>,
): Promise<ImportResult> {
  const known = await existingEmails(
    db,
    network.id,
    plan.candidates.map((c) => c.email),
  );
  const fresh = plan.candidates.filter((c) => !known.has(c.email));
  const { candidates: _all, ...rest } = plan;
  const result: ImportResult = {
    ...rest,
    created: fresh.length,
    known: plan.candidates.length - fresh.length,
    dryRun: !!opts.dryRun,
  };
  let done = plan.total - fresh.length;
  opts.onProgress?.(done, plan.total);
  if (opts.dryRun) {
    opts.onProgress?.(plan.total, plan.total);
    return result;
  }

  const now = new Date();
  let created = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < fresh.length; i += BATCH) {
      const batch = fresh.slice(i, i + BATCH);
      const inserted = await insertUsers(
        tx,
        batch.map((c) => ({
          networkId: network.id,
          email: c.email,
          name: c.name,
          role: 'member' as const,
          emailVerifiedAt: now,
        })),
      );
      const idOf = new Map(inserted.map((u) => [u.email, u.id]));
      const added = batch.filter((c) => idOf.has(c.email));
      await insertProfiles(
        tx,
        added.map((c) => ({
          ...profileRow(network.id, idOf.get(c.email)!, c.name, undefined, c.profile),
          importedAt: now,
        })),
      );
      if (opts.welcome)
        await insertMails(
          tx,
          added.map((c) => welcomeMail(network, c, opts.baseUrl)),
        );
      created += added.length;
      done += batch.length;
      opts.onProgress?.(done, plan.total);
    }
    result.known += result.created - created;
    result.created = created;
    await recordAudit(tx, {
      networkId: network.id,
      actor: opts.actor,
      action: 'members.import',
      subject: opts.fileName,
      details: {
        created: result.created,
        known: result.known,
        rejected: result.rejected.length,
        total: result.total,
        welcome: !!opts.welcome,
      },
    });
  });
  return result;
}

/**
 * A welcome in the member's language. It links to the sign-in page, where the member asks for a
 * sign-in link: a link valid for days, sitting in thousands of mailboxes, would be a credential.
 */
function welcomeMail(network: Network, c: Candidate, baseUrl: string) {
  const t = translator(c.profile.locale);
  const mail = composeMail(
    c.profile.locale,
    t('import.mail.subject', { network: network.name }),
    [t('mail.hello', { name: c.name }), t('import.mail.body', { network: network.name })],
    `${baseUrl}/login`,
    t('mail.footer', { network: network.name, url: baseUrl }),
  );
  return {
    networkId: network.id,
    kind: 'members.welcome',
    toEmail: c.email,
    toName: c.name,
    locale: c.profile.locale,
    ...mail,
  };
}

export function reasonText(r: Rejection, t: T = translator('en')): string {
  return t(`import.reason.${r.reason}`, r.vars);
}

/** Exactly "7000 new · 10 already known · 10 rejected" (U+00B7 between), whatever the language around it. */
export function summaryLine(r: Pick<ImportResult, 'created' | 'known' | 'rejected'>): string {
  return `${r.created} new · ${r.known} already known · ${r.rejected.length} rejected`;
}

/** The report as the API gives it: rows refused with their line number and reason, in file order. */
export function presentReport(r: ImportResult) {
  return {
    dryRun: r.dryRun,
    total: r.total,
    created: r.created,
    known: r.known,
    rejected: r.rejected.map((x) => ({ line: x.line, reason: reasonText(x) })),
    summary: summaryLine(r),
    mapping: r.mapping.headers.map((h, i) => ({ column: h, field: r.mapping.columns[i] ?? null })),
    header: r.mapping.header,
    encoding: r.encoding,
    delimiter: r.delimiter,
  };
}
