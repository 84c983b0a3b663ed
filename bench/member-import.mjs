// Member import: how long `essaim members import` takes for 7,000 new members (the issue asks for
// under 10 s). Run: npm run build && node bench/member-import.mjs. Spawns `essaim serve` on the
// embedded PostgreSQL in a fresh data directory, imports 10 members first (so they are "already
// known"), then a generated 7,020-row CSV — 7,000 new members, those 10 known ones, 5 broken rows
// and 5 duplicates within the file — with the CLI, which joins the running server's database.
// The baseline is reading and checking the same file in this process (decode, parse, map,
// validate: what a dry run does before asking the database anything), so the figures read as
// ratios on any machine. Exits non-zero when a summary line is not the expected one or the
// import takes 10 s or more.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, printTable, startBenchServer } from './support.mjs';

const NEW = 7_000;
const ABORT_AFTER_MS = 180_000;
const LIMIT_MS = 10_000;
const ADMIN = { email: 'bench-admin@example.org', password: 'member-import-bench-password' };
const { planImport } = await import(path.join(path.dirname(cli), 'member-import', 'service.js'));

const cities = ['Ixelles', 'Charleroi', 'Mons', 'Gent', 'Liège', 'Namur', 'Kortrijk', 'Bruxelles', 'Leuven', 'Arlon'];
const origins = ['Hainaut', 'West-Vlaanderen', 'Namur', 'Luik', 'Henegouwen', 'BE-WLX', 'autre: Lille', ''];
const skills = ['PHP, Laravel', 'React|TypeScript', 'Marketing; Sales', 'Rust', 'Design, UX', ''];
const kinds = ['tech', 'généraliste', 'andere', ''];
const langs = ['fr', 'nl', 'en', 'Français', 'Nederlands'];

function generate(dir) {
  const header = 'Prénom;Nom;Courriel;Localité;Région d’origine;Compétences;Profil;Langue;Téléphone';
  const row = (i, email) =>
    `Prénom${i};"Nom ${i}";${email};${cities[i % cities.length]};${origins[i % origins.length]};"${skills[i % skills.length]}";${kinds[i % kinds.length]};${langs[i % langs.length]};+32 470 00 00 00`;
  const known = Array.from({ length: 10 }, (_, i) => row(i, `known${i}@example.org`));
  const lines = [header];
  for (let i = 0; i < NEW; i++) {
    lines.push(row(i, `member${i}@example.org`));
    if (i % 700 === 350) lines.push(known[lines.length % 10]);
  }
  for (let i = 0; i < 10; i++) if (!lines.includes(known[i])) lines.push(known[i]);
  for (let i = 0; i < 5; i++) lines.push(row(i, `broken${i}.example.org`), row(i, `MEMBER${i * 1000}@Example.org`));
  const knownFile = path.join(dir, 'known.csv');
  const file = path.join(dir, 'members.csv');
  fs.writeFileSync(knownFile, `${header}\n${known.join('\n')}\n`);
  fs.writeFileSync(file, `\ufeff${lines.join('\r\n')}\r\n`);
  return { knownFile, file, rows: lines.length - 1 };
}

/** One CLI run against the server's data directory: { ms, stdout, stderr, code }. */
function run(args, env) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ ms: performance.now() - started, stdout, stderr, code }));
  });
}

function expectSummary(res, expected) {
  const last = res.stdout.trim().split('\n').at(-1);
  if (res.code !== 0 || last !== expected)
    throw new Error(`expected "${expected}", got exit ${res.code}: ${last}\n${res.stderr}`);
}

let server;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-import-bench-'));
try {
  server = await startBenchServer({ label: 'import', admin: ADMIN, abortAfterMs: ABORT_AFTER_MS });
  const dataDir = /embedded PostgreSQL in (\S+)\)/.exec(server.output())?.[1];
  if (!dataDir) throw new Error(`cannot tell the server's data directory:\n${server.output()}`);
  const env = { ...process.env, ESSAIM_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  for (const k of ['DATABASE_URL', 'PORT', 'BASE_URL', 'HOST']) delete env[k];
  const { knownFile, file, rows } = generate(work);
  const bytes = fs.readFileSync(file);

  // Baseline: the same file read and checked in this process (best of 5, after a warm-up).
  planImport(bytes);
  const parse = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    planImport(bytes);
    parse.push(performance.now() - started);
  }
  const baseline = Math.min(...parse);

  expectSummary(await run(['members', 'import', knownFile], env), '10 new · 0 already known · 0 rejected');
  const dry = await run(['members', 'import', file, '--dry-run'], env);
  expectSummary(dry, '7000 new · 10 already known · 10 rejected');
  const real = await run(['members', 'import', file], env);
  expectSummary(real, '7000 new · 10 already known · 10 rejected');
  const again = await run(['members', 'import', file], env);
  expectSummary(again, '0 new · 7010 already known · 10 rejected');
  if ((await server.request('GET', '/healthz')).status !== 200) throw new Error('the server stopped answering');

  const kib = (fs.statSync(file).size / 1024).toFixed(0);
  console.log(
    `member import — ${rows} rows (${kib} KiB, semicolons, UTF-8 with BOM), CLI joining a running server, ${os.cpus().length} cores, Node ${process.version}`,
  );
  printTable(
    ['step', 'time', 'rows/s', 'vs baseline'],
    [
      ['baseline: read + check the file in-process (best of 5)', baseline, rows],
      ['CLI --dry-run (start, join the database, look up known addresses)', dry.ms, rows],
      ['CLI import: 7000 new · 10 already known · 10 rejected', real.ms, rows],
      ['CLI import of the same file again: 0 new', again.ms, rows],
    ].map(([label, ms, n]) => [
      label,
      `${(ms / 1000).toFixed(2)} s`,
      `${Math.round(n / (ms / 1000))}`,
      `${(ms / baseline).toFixed(1)}×`,
    ]),
  );
  await server.stop();
  fs.rmSync(work, { recursive: true, force: true });
  if (real.ms >= LIMIT_MS) {
    console.error(`FAIL: the import took ${(real.ms / 1000).toFixed(1)} s, the limit is ${LIMIT_MS / 1000} s`);
    process.exit(1);
  }
} catch (err) {
  console.error(`FAIL: ${err.message}`);
  await server?.stop();
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
