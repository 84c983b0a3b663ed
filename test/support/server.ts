import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cli = path.join(root, 'dist', 'cli.js');

/**
 * The environment a user would have: Vitest adds Vite's variables (BASE_URL=/, MODE…) to
 * process.env, and BASE_URL is one of ours.
 */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const k of [
    'BASE_URL',
    'MODE',
    'DEV',
    'PROD',
    'SSR',
    'VITEST',
    'VITEST_MODE',
    'DATABASE_URL',
    'ESSAIM_DATA_DIR',
    'PORT',
    'HOST',
  ])
    delete env[k];
  return { ...env, ...extra };
}

/** A fresh data directory that the `postgres` system user can reach (mkdtemp's 0700 would not do). */
export function tempDataDir(label = 'data'): string {
  const dir = path.join(
    os.tmpdir(),
    `essaim-${label}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
  );
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  return dir;
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for a clean exit (the embedded PostgreSQL is stopped too). */
  stop(): Promise<number | null>;
  /** SIGKILL: the embedded PostgreSQL is left running, as after a crash. */
  kill(): Promise<void>;
}

/** Runs the built `essaim serve` as a user would, on a free port, and waits until it listens. */
export async function startServer(env: Record<string, string>, args: string[] = []): Promise<RunningServer> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], {
    env: userEnv({ RATE_LIMIT_PER_MINUTE: '0', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs one CLI command to completion. */
export function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: userEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
