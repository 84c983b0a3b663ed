// The command line's words: its usage, each command's help, and the argument checks that turn a
// mistake into a usage error (exit code 2) rather than a crash.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { importHelp } from './member-import/cli.js';
import { newsImportHelp } from './news-import/cli.js';
import { catalogues, msg, render, translator } from './web/i18n.js';
import type { MessageKey } from './web/i18n/en.js';

export const usage = `Usage: essaim <command> [options]

Commands:
  serve [--demo] [--port N] [--workers N]   start the web server (applies migrations first)
  migrate [--check]             apply database migrations and exit (--check: list pending ones)
  backup [FILE]                 write a backup of the database and uploads (server may run)
  restore FILE [--force]        restore a backup into an empty data directory or database
  demo [--force]                fill an empty network with demo data
  user create --email E --name N [--role admin|member] [--password P]
  user set-password EMAIL [--password P]   set an account's password (signs it out everywhere)
  token create --email E [--name N]   print a new API token for an account
  members import FILE.csv [--dry-run] [--welcome] [--map field=Column,...] [--report rejected.csv]
  news import PATH [--dry-run] [--keep-going] [--fetch-media] [--base-url URL] [--report FILE] [--date YYYY-MM-DD]
  news fetch-media [--post ID]  fetch the pictures articles show from other sites, and point to them

Run \`essaim <command> --help\` for details. Configuration comes from environment
variables (PORT, HOST, BASE_URL, DATABASE_URL, ESSAIM_DATA_DIR, ...): see README.md.`;

export const help: Record<string, string> = {
  serve: `Usage: essaim serve [--demo] [--port N] [--host H] [--workers N]

Starts Essaim on http://HOST:PORT (default 127.0.0.1:3000). Without DATABASE_URL it runs a
private PostgreSQL in ESSAIM_DATA_DIR (default ./data), and recovers one left running by a
killed Essaim. --demo fills the network with demo data when it is empty.
--workers N runs N processes sharing the port (default 1). SIGTERM finishes the requests in
flight (up to SHUTDOWN_TIMEOUT_SECONDS), then stops; with --workers, SIGHUP replaces the
processes one at a time (a rolling restart).`,
  migrate: `Usage: essaim migrate [--check]

Applies pending database migrations (embedded database or DATABASE_URL) and exits.
--check applies nothing: it lists the pending migrations and exits with 0 when there are
none, 1 when some are pending (a database newer than this version is refused either way).`,
  backup: `Usage: essaim backup [FILE]

Writes a backup of the database (embedded or DATABASE_URL) and of the uploads in
ESSAIM_DATA_DIR to FILE (default ./essaim-YYYYMMDD-HHMMSS.zip): one consistent snapshot,
with a manifest and SHA-256 checksums. The server may keep running meanwhile.`,
  restore: `Usage: essaim restore FILE [--force]

Restores a backup into an empty database (the embedded one in ESSAIM_DATA_DIR, or
DATABASE_URL) and data directory. Refuses one that holds data unless --force, which replaces
it. A damaged or truncated backup is refused before anything is changed. Stop the server first.`,
  demo: `Usage: essaim demo [--force]

Fills the network with demo data: chapters, venues, partnerships, organisers, sign-ups.
Refuses a network that already has chapters or venues; --force replaces them.`,
  user: `Usage: essaim user create --email E --name N [--role admin|member] [--password P]
       essaim user set-password EMAIL [--password P]

create makes an account. set-password gives an existing account a new password, signs it out
of every session, revokes its API tokens, records it in the audit log and e-mails the person a
notice. Without --password a random password is generated and printed once.`,
  token: `Usage: essaim token create --email E [--name N]

Creates an API token for an existing account and prints it (shown once). Use it as
"Authorization: Bearer <token>".`,
  members: importHelp,
  news: newsImportHelp,
};

export class UsageError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function need<T>(value: T | undefined, flag: string): T {
  if (value === undefined || value === '') throw new UsageError(`missing ${flag}`);
  return value;
}

export function check<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
  flag: string,
): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const message = r.error.issues[0]?.message ?? 'is invalid';
  // A schema's own message is a catalogue key (the password rule's): the command line speaks English.
  const text = message in catalogues.en ? render(translator('en'), msg(message as MessageKey)) : message;
  throw new UsageError(`${flag} ${text}`);
}
