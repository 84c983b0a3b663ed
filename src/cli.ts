#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { check, help, need, parse, UsageError, usage } from './cli-args.js';
import { createToken, createUser, findUserByEmail } from './accounts/service.js';
import { EmailSchema, PasswordSchema, RoleSchema } from './accounts/schemas.js';
import { setPasswordFromConsole } from './accounts/password-change.js';
import { boot } from './boot.js';
import { ConfigError, debugRequested, loadConfig, type Config } from './config.js';
import { DatabaseUnreachableError } from './db/connection.js';
import { EmbeddedError } from './db/embedded.js';
import { loadDemo, type DemoSummary } from './demo/service.js';
import { readImportFile, runMembersImport } from './member-import/cli.js';
import { NewerDatabaseError } from './db/migrate.js';
import { checkMigrations } from './ops/upgrade.js';
// The web server (ops/serve, which loads the whole app) is imported by `serve` only: the other
// commands — a WordPress import among them — run in some 50 MB less memory without it.
import './catalogues.js';
import { backup, BackupFileError, restore, RestoreRefusedError } from './ops/backup.js';
import { backupFileName } from './ops/backup-schedule.js';
import { importInWorker, runNewsFetchMedia, runNewsImport } from './news-import/cli.js';
import { AppError } from './web/errors.js';
import { msg } from './web/i18n.js';

function printDemo(summary: DemoSummary): void {
  console.log(
    `demo data: ${summary.chapters} chapters, ${summary.venues} venues, ${summary.members} members, ${summary.events} events, ${summary.registrations} registrations, ${summary.invitations} come-home invitations, ${summary.interest} sign-ups for planned chapters, ${summary.calls} calls with ${summary.submissions} submissions, ${summary.expenses} expenses`,
  );
  if (summary.news)
    console.log(
      `demo news: ${summary.news.articles} articles; seed 004 imported with ${summary.news.repairs} words repaired and ${summary.news.queued} to review at /admin/news/repairs`,
    );
  if (summary.admin)
    console.log(
      `demo admin: ${summary.admin.email} / ${summary.admin.password} (change it before real use: essaim user set-password ${summary.admin.email}, or /me/password)`,
    );
}

async function serve(args: string[]): Promise<void> {
  const { values } = parse(args, {
    demo: { type: 'boolean' },
    port: { type: 'string' },
    host: { type: 'string' },
    workers: { type: 'string' },
  });
  if (values.help) return console.log(help.serve);
  const overrides: Partial<Config> = {};
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535)
      throw new UsageError('--port must be a number from 0 to 65535');
    overrides.port = Number(values.port);
  }
  if (values.host) overrides.host = values.host;
  const workers = values.workers === undefined ? 1 : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new UsageError('--workers must be a whole number from 1 to 64');
  const config = loadConfig(undefined, overrides);
  (await import('./ops/heap.js')).boundHeapGrowth();
  const { serveProcess } = await import('./ops/serve.js');
  const { isClusterWorker, reportToPrimary, runPrimary } = await import('./ops/cluster.js');

  if (isClusterWorker()) {
    // One of the primary's workers: it prints nothing but errors and reports when it listens.
    try {
      const serving = await serveProcess(config, { quiet: true });
      onSignals(() => serving.stop());
      reportToPrimary({ kind: 'ready', port: serving.port });
    } catch (err) {
      reportToPrimary({ kind: 'failed', message: (err as Error).message });
      throw err;
    }
    return;
  }
  if (workers > 1) return runPrimary(config, workers, { demo: values.demo, onDemo: printDemo, args });

  const serving = await serveProcess(config, { demo: values.demo, onDemo: printDemo });
  onSignals(async (signal) => {
    console.log(`${signal}: stopping`);
    await serving.stop();
  });
  console.log(serving.summary);
}

/** SIGTERM and SIGINT stop once, cleanly, then exit: a second signal does not cut the first short. */
function onSignals(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) return;
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (err: Error) => {
        console.error(`essaim: stopping failed: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => handle('SIGINT'));
  process.on('SIGTERM', () => handle('SIGTERM'));
}

async function withDatabase<T>(fn: (ctx: Awaited<ReturnType<typeof boot>>) => Promise<T>): Promise<T> {
  const ctx = await boot(loadConfig(), 'tool');
  try {
    return await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}

/** `essaim user set-password EMAIL [--password P]`: the way back in for an admin, recorded with no actor. */
async function setPassword(address: string, given: string | undefined): Promise<void> {
  const email = check(EmailSchema, address, 'EMAIL');
  const password = check(PasswordSchema, given ?? randomBytes(12).toString('base64url'), '--password');
  const { baseUrl } = loadConfig();
  return withDatabase(async ({ database, network }) => {
    const user = await findUserByEmail(database.db, network.id, email);
    if (!user) throw new AppError('not_found', msg('account.problem.cliNoAccount', { email }));
    const ended = await setPasswordFromConsole(database.db, network, user, password, baseUrl);
    console.log(
      `password changed for ${user.email}: ${ended.sessionsEnded} sessions signed out, ${ended.tokensRevoked} API tokens revoked`,
    );
    if (given === undefined) console.log(`password: ${password} (shown once)`);
  });
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
      const { values } = parse(rest, { check: { type: 'boolean' } });
      if (values.help) return console.log(help.migrate);
      if (values.check) return checkMigrations(loadConfig());
      return withDatabase(async ({ database }) => console.log(`migrations applied (${database.description})`));
    }
    case 'backup': {
      const { values, positionals } = parse(rest, {});
      if (values.help) return console.log(help.backup);
      const config = loadConfig();
      const file = path.resolve(positionals[0] ?? backupFileName());
      const r = await backup(config, file);
      return console.log(
        `backup written to ${r.file}: ${r.tables} tables, ${r.rows} rows, ${r.uploads} uploaded files, ${(r.bytes / 1e6).toFixed(1)} MB`,
      );
    }
    case 'restore': {
      const { values, positionals } = parse(rest, { force: { type: 'boolean' } });
      if (values.help) return console.log(help.restore);
      const file = need(positionals[0], 'FILE');
      const r = await restore(loadConfig(), path.resolve(file), { force: values.force });
      return console.log(`restored ${file}: ${r.tables} tables, ${r.rows} rows, ${r.uploads} uploaded files`);
    }
    case 'demo': {
      const { values } = parse(rest, { force: { type: 'boolean' } });
      if (values.help) return console.log(help.demo);
      const { baseUrl, dataDir, s3 } = loadConfig();
      return withDatabase(async ({ database, network }) =>
        printDemo(await loadDemo(database.db, network, { force: values.force, baseUrl, dataDir, s3 })),
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
      if (positionals[0] === 'set-password') return setPassword(need(positionals[1], 'EMAIL'), values.password);
      if (positionals[0] !== 'create')
        throw new UsageError(`unknown subcommand "user ${positionals[0] ?? ''}": try \`essaim user create --help\``);
      const email = check(EmailSchema, need(values.email, '--email'), '--email');
      const name = need(values.name, '--name');
      const role = check(RoleSchema, values.role ?? 'member', '--role');
      const generated = values.password === undefined;
      const password = check(PasswordSchema, values.password ?? randomBytes(12).toString('base64url'), '--password');
      return withDatabase(async ({ database, network }) => {
        const user = await createUser(database.db, network.id, { email, name, role, password }, { actor: null });
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
        if (!user) throw new AppError('not_found', msg('account.problem.cliNoAccount', { email }));
        const { token } = await createToken(database.db, user, values.name ?? 'command line', null);
        console.log(token);
      });
    }
    case 'news': {
      const { values, positionals } = parse(rest, {
        'dry-run': { type: 'boolean' },
        'keep-going': { type: 'boolean' },
        report: { type: 'string' },
        date: { type: 'string' },
        language: { type: 'string' },
        chapter: { type: 'string' },
        'fetch-media': { type: 'boolean' },
        'base-url': { type: 'string' },
        post: { type: 'string' },
      });
      if (values.help) return console.log(help.news);
      if (positionals[0] === 'fetch-media')
        return withDatabase(({ database, network }) =>
          runNewsFetchMedia(database.db, network, { post: values.post, config: loadConfig() }),
        );
      if (positionals[0] !== 'import')
        throw new UsageError(`unknown subcommand "news ${positionals[0] ?? ''}": try \`essaim news import --help\``);
      const target = need(positionals[1], 'PATH');
      // A WordPress export is read in a worker thread whose heap is bounded (see importInWorker).
      if (isMainThread && /\.xml$/i.test(target)) return importInWorker(new URL(import.meta.url), argv);
      return withDatabase(({ database, network }) =>
        runNewsImport(database.db, network, target, {
          dryRun: !!values['dry-run'],
          keepGoing: !!values['keep-going'],
          report: values.report,
          date: values.date,
          language: values.language,
          chapter: values.chapter,
          fetchMedia: !!values['fetch-media'],
          baseUrl: values['base-url'],
          config: loadConfig(),
        }),
      );
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

const known = [
  UsageError,
  ConfigError,
  EmbeddedError,
  DatabaseUnreachableError,
  AppError,
  NewerDatabaseError,
  BackupFileError,
  RestoreRefusedError,
];
/** Known without importing the server (see above): its class is recognised by name. */
const portInUse = (err: Error): boolean => err.constructor.name === 'PortInUseError';
main(process.argv.slice(2)).catch((err: Error) => {
  const message =
    known.some((k) => err instanceof k) || portInUse(err) ? err.message : `unexpected error: ${err.message}`;
  console.error(`essaim: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  if (!known.some((k) => err instanceof k) && !portInUse(err) && debugRequested()) console.error(err.stack);
  process.exit(err instanceof UsageError || portInUse(err) ? 2 : 1);
});
