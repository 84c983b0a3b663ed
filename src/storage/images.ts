import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ImageAnswer, ImageJob } from './image-jobs.js';

/**
 * The server's side of the picture worker (`image-process.ts`): one child process, started on the
 * first picture, asked one job at a time per picture, and let go after `idleMs` (10 s) without work. Its
 * memory (libvips) leaves with it; the server's stays small (DECISIONS.md, "Pictures in a process
 * of their own"). A job sent to a worker that dies fails, and the next picture starts another.
 */
let idleMs = 10_000;

/** For tests: how long an idle worker stays. */
export function setImageWorkerIdleMs(ms: number): void {
  idleMs = ms;
}

// From the built server the worker is a .js beside this file; from the sources (tests) a .ts that
// tsx runs.
const fromSources = import.meta.url.endsWith('.ts');
const entry = fileURLToPath(new URL(fromSources ? './image-process.ts' : './image-process.js', import.meta.url));

interface Worker {
  child: ChildProcess;
  pending: Map<number, (answer: ImageAnswer) => void>;
  idle?: NodeJS.Timeout;
}
let worker: Worker | undefined;
let nextId = 1;

function start(): Worker {
  const child = fork(entry, [], {
    serialization: 'advanced',
    // Not the server's flags (heap growth, inspector, a test runner's): the worker's own.
    execArgv: fromSources ? ['--import', 'tsx'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const started: Worker = { child, pending: new Map() };
  child.on('message', (answer: ImageAnswer) => {
    const settle = started.pending.get(answer.id);
    started.pending.delete(answer.id);
    settle?.(answer);
    if (started.pending.size === 0) rest(started);
  });
  // Gone (or never started): what it was asked fails like an unreadable picture, and the next
  // picture starts another.
  const gone = () => {
    if (worker === started) worker = undefined;
    clearTimeout(started.idle);
    for (const settle of started.pending.values()) settle({ id: 0, ok: false });
    started.pending.clear();
  };
  child.on('exit', gone);
  child.on('error', gone);
  return started;
}

/** Nothing asked: the worker no longer keeps the server alive, and goes after `idleMs`. */
function rest(w: Worker): void {
  w.child.unref();
  (w.child.channel as { unref?: () => void } | undefined)?.unref?.();
  w.idle = setTimeout(() => w.child.connected && w.child.disconnect(), idleMs).unref();
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Job = WithoutId<ImageJob>;

function ask(job: Job): Promise<ImageAnswer> {
  worker ??= start();
  const w = worker;
  clearTimeout(w.idle);
  w.child.ref();
  (w.child.channel as { ref?: () => void } | undefined)?.ref?.();
  const id = nextId++;
  return new Promise((resolve) => {
    w.pending.set(id, resolve);
    w.child.send({ ...job, id } as ImageJob);
  });
}

/** The picture's size from its header, without decoding it; undefined when it does not read. */
export async function imageSize(bytes: Uint8Array): Promise<{ width: number; height: number } | undefined> {
  const answer = await ask({ kind: 'header', bytes });
  return answer.ok ? { width: answer.width, height: answer.height } : undefined;
}

/**
 * The picture turned upright, resized to `width` (never enlarged; a square crop on the interesting
 * part when `square`), as WebP without its metadata; undefined when its pixels do not decode or
 * number more than `maxPixels`.
 */
export async function imageVariant(
  bytes: Uint8Array,
  options: { width: number; square: boolean; maxPixels: number },
): Promise<{ data: Buffer; width: number; height: number } | undefined> {
  const answer = await ask({ kind: 'variant', bytes, ...options });
  if (!answer.ok || !answer.data) return undefined;
  const data = Buffer.from(answer.data.buffer, answer.data.byteOffset, answer.data.byteLength);
  return { data, width: answer.width, height: answer.height };
}

/** Whether a worker process is running now (for the test that checks it goes when idle). */
export function imageWorkerPid(): number | undefined {
  return worker?.child.pid;
}
