import v8 from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last full collection kept, in percent.
 * V8's own factor goes up to 4× under a steady load: after `bench:pages` the heap had ~55 MB live
 * and 230–260 MB reserved, all of it garbage promoted from requests in flight, and the process
 * kept that high-water mark. Twice the live heap bounds it; see DECISIONS.md ("Memory after
 * bench:pages") for what it costs in collections and req/s.
 */
export const HEAP_GROWING_PERCENT = 100;

/** Applies HEAP_GROWING_PERCENT to this process unless its operator chose a value (`node --heap-growing-percent=N`). */
export function boundHeapGrowth(): void {
  const chosen = process.execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a));
  if (!chosen) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
