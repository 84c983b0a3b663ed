#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createToken, createUser, findUserByEmail } from './accounts/service.js';
import { EmailSchema, PasswordSchema, RoleSchema } from './accounts/schemas.js';
import { buildApp } from './app.js';
import { boot } from './boot.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DatabaseUnreachableError } from './db/connection.js';
import { EmbeddedError } from './db/embedded.js';
import { isNetworkEmpty, loadDemo, type DemoSummary } from './demo/service.js';
import { extendSeries } from './events/service.js';
import { queueMonthlyExports } from './justification/monthly.js';
import { startMailWorker } from './mail/worker.js';
import { importHelp, readImportFile, runMembersImport } from './member-import/cli.js';
import { startWebhookWorker } from './webhooks/worker.js';
import { AppError } from './web/errors.js';

const usage = `Usage: essaim <command> [options]

Commands:
  serve [--demo] [--port N]     start the web server (applies migrations first)
  migrate                       apply database migrations and exit
  demo [--force]                fill an empty network with demo data
  user create --email E --name N [--role admin|member] [--password P]
  token create --email E [--name N]   print a new API token for an account
  members import FILE.csv [--dry-run] [--welcome] [--map field=Column,...] [--report rejected.csv]

Run \`essaim <command> --help\` for details. Configuration comes from environment
variables (PORT, HOST, BASE_URL, DATABASE_URL, ESSAIM_DATA_DIR, ...): see README.md.`;

const help: Record<string, string> = {
  serve: `Usage: essaim serve [--demo] [--port N] [--host H]

Starts Essaim on http://HOST:PORT (default 127.0.0.1:3000). Without DATABASE_URL it runs a
private PostgreSQL in ESSAIM_DATA_DIR (default ./data), and recovers one left running by a
killed Essaim. --demo fills the network with demo data when it is empty.`,
  migrate: `Usage: essaim migrate

Applies pending database migrations (embedded database or DATABASE_URL) and exits.`,
  demo: `Usage: essaim demo [--force]

Fills the network with demo data: chapters, venues, partnerships, organisers, sign-ups.
Refuses a network that already has chapters or venues; --force replaces them.`,
  user: `Usage: essaim user create --email E --name N [--role admin|member] [--password P]

Creates an account. Without --password a random password is generated and printed once.`,
  token: `Usage: essaim token create --email E [--name N]

Creates an API token for an existing account and prints it (shown once). Use it as
"Authorization: Bearer <token>".`,
  members: importHelp,
};

class UsageError extends Error {}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
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

function need<T>(value: T | undefined, flag: string): T {
  if (value === undefined || value === '') throw new UsageError(`missing ${flag}`);
  return value;
}

function check<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
  flag: string,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${flag} ${r.error.issues[0]?.message ?? 'is invalid'}`);
  return r.data;
}

function printDemo(summary: DemoSummary): void {
  console.log(
    `demo data: ${summary.chapters} chapters, ${summary.venues} venues, ${summary.members} members, ${summary.events} events, ${summary.registrations} registrations, ${summary.invitations} come-home invitations, ${summary.interest} sign-ups for planned chapters, ${summary.expenses} expenses`,
  );
  if (summary.admin)
    console.log(`demo admin: ${summary.admin.email} / ${summary.admin.password} (change it before real use)`);
}

async function serve(args: string[]): Promise<void> {
  const { values } = parse(args, { demo: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' } });
  if (values.help) return console.log(help.serve);
  const overrides: Partial<Config> = {};
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535)
      throw new UsageError('--port must be a number from 0 to 65535');
    overrides.port = Number(values.port);
  }
  if (values.host) overrides.host = values.host;
  const config = loadConfig(process.env, overrides);
  const started = Date.now();
  const { database, network, adminCreated } = await boot(config, 'serve');
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let mail: ReturnType<typeof startMailWorker> | undefined;
  let webhooks: ReturnType<typeof startWebhookWorker> | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await app?.close().catch(() => undefined);
    await mail?.stop().catch(() => undefined);
    await webhooks?.stop().catch(() => undefined);
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    if (adminCreated) console.log(`admin account created for ${config.admin?.email.replace(/^(.).*@/, '$1…@')}`);
    if (values.demo && (await isNetworkEmpty(database.db, network)))
      printDemo(await loadDemo(database.db, network, { baseUrl: config.baseUrl, dataDir: config.dataDir }));
    app = await buildApp(config, database);
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app?.close().catch(() => undefined);
    await database.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new UsageError(`port ${config.port} on ${config.host} is already in use: set PORT or pass --port`);
    throw err;
  }
  // Series stay materialised twelve months ahead: extended at start and every six hours.
  const extend = () =>
    extendSeries(database.db)
      .then((n) => n && app?.log.info({ occurrences: n }, 'series extended'))
      .catch((err: Error) => app?.log.error({ err }, 'extending series failed'));
  await extend();
  setInterval(() => void extend(), 6 * 3_600_000).unref();
  // The treasurers' monthly export: checked every hour, queued once per network and month.
  const monthly = () =>
    queueMonthlyExports(database.db)
      .then((n) => n && app?.log.info({ mails: n }, 'monthly money exports queued'))
      .catch((err: Error) => app?.log.error({ err }, 'monthly money export failed'));
  await monthly();
  setInterval(() => void monthly(), 3_600_000).unref();
  mail = startMailWorker(database.db, config, app.log);
  await mail.ready;
  webhooks = startWebhookWorker(database.db, config, app.log);
  if (!config.smtpUrl) console.log('no SMTP_URL: e-mails are kept in the outbox (/admin/outbox) until one is set');
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Without BASE_URL, links (tickets, QR codes) use the address actually listened on (--port 0 picks one).
  if (!process.env.BASE_URL) config.baseUrl = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  console.log(
    `Essaim for "${network.name}" listening on http://${config.host}:${port} (${database.description}), ready in ${Date.now() - started} ms`,
  );
}

async function withDatabase<T>(fn: (ctx: Awaited<ReturnType<typeof boot>>) => Promise<T>): Promise<T> {
  const ctx = await boot(loadConfig(), 'tool');
  try {
    return await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return console.log(usage);
    case 'serve':
      return serve(rest);
    case 'migrate': {
      const { values } = parse(rest, {});
      if (values.help) return console.log(help.migrate);
      return withDatabase(async ({ database }) => console.log(`migrations applied (${database.description})`));
    }
    case 'demo': {
      const { values } = parse(rest, { force: { type: 'boolean' } });
      if (values.help) return console.log(help.demo);
      const { baseUrl, dataDir } = loadConfig();
      return withDatabase(async ({ database, network }) =>
        printDemo(await loadDemo(database.db, network, { force: values.force, baseUrl, dataDir })),
      );
    }
    case 'user': {
      const { values, positionals } = parse(rest, {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        password: { type: 'string' },
      });
      if (values.help) return console.log(help.user);
      if (positionals[0] !== 'create')
        throw new UsageError(`unknown subcommand "user ${positionals[0] ?? ''}": try \`essaim user create --help\``);
      const email = check(EmailSchema, need(values.email, '--email'), '--email');
      const name = need(values.name, '--name');
      const role = check(RoleSchema, values.role ?? 'member', '--role');
      const generated = values.password === undefined;
      const password = check(PasswordSchema, values.password ?? randomBytes(12).toString('base64url'), '--password');
      return withDatabase(async ({ database, network }) => {
        const user = await createUser(database.db, network.id, { email, name, role, password });
        console.log(`created ${user.role} ${user.email} (${user.id})`);
        if (generated) console.log(`password: ${password} (shown once)`);
      });
    }
    case 'token': {
      const { values, positionals } = parse(rest, { email: { type: 'string' }, name: { type: 'string' } });
      if (values.help) return console.log(help.token);
      if (positionals[0] !== 'create')
        throw new UsageError(`unknown subcommand "token ${positionals[0] ?? ''}": try \`essaim token create --help\``);
      const email = check(EmailSchema, need(values.email, '--email'), '--email');
      return withDatabase(async ({ database, network }) => {
        const user = await findUserByEmail(database.db, network.id, email);
        if (!user) throw new AppError('not_found', `no account uses ${email}: create it with \`essaim user create\``);
        const { token } = await createToken(database.db, user, values.name ?? 'command line');
        console.log(token);
      });
    }
    case 'members': {
      const { values, positionals } = parse(rest, {
        'dry-run': { type: 'boolean' },
        welcome: { type: 'boolean' },
        map: { type: 'string' },
        report: { type: 'string' },
      });
      if (values.help) return console.log(help.members);
      if (positionals[0] !== 'import')
        throw new UsageError(
          `unknown subcommand "members ${positionals[0] ?? ''}": try \`essaim members import --help\``,
        );
      // The file is read and checked before the database is opened: a bad file fails fast.
      const input = readImportFile(need(positionals[1], 'FILE.csv'), values.map);
      const { baseUrl } = loadConfig();
      return withDatabase(async ({ database, network }) => {
        await runMembersImport(database.db, network, input, {
          dryRun: !!values['dry-run'],
          welcome: !!values.welcome,
          report: values.report,
          baseUrl,
        });
      });
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${usage}`);
  }
}

const known = [UsageError, ConfigError, EmbeddedError, DatabaseUnreachableError, AppError];
main(process.argv.slice(2)).catch((err: Error) => {
  const message = known.some((k) => err instanceof k) ? err.message : `unexpected error: ${err.message}`;
  console.error(`essaim: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  if (!known.some((k) => err instanceof k) && process.env.ESSAIM_DEBUG) console.error(err.stack);
  process.exit(err instanceof UsageError ? 2 : 1);
});
