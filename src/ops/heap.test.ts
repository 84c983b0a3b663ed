import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../test/support/server.js';

/**
 * A server under load promotes garbage from requests in flight; V8 lets the old generation grow up
 * to 4× what its last full collection kept before collecting again, and the process keeps that
 * high-water mark. `boundHeapGrowth` (called by `essaim serve`) holds it near twice. Measured in a
 * process of its own (the built module, as `essaim serve` runs it): a live set, then a stream of
 * objects that live long enough to be promoted, and the largest heap V8 reserved meanwhile.
 */
const workload = (bound: boolean) => `
  import v8 from 'node:v8';
  if (${bound}) (await import(${JSON.stringify(path.join(root, 'dist', 'ops', 'heap.js'))})).boundHeapGrowth();
  const live = [];
  for (let i = 0; i < 300000; i++) live.push({ a: 'x'.repeat(100) + i });
  const ring = new Array(150000).fill(null);
  let peak = 0;
  for (let k = 0; k < 2000000; k++) {
    ring[k % ring.length] = { s: 'y'.repeat(200) + k, n: [k, k + 1] };
    if (k % 1000 === 0) peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);
  }
  console.log(Math.round(peak / 1048576));
`;
const peakMb = (bound: boolean) =>
  Number(execFileSync(process.execPath, ['--input-type=module', '-e', workload(bound)], { encoding: 'utf8' }).trim());

describe('boundHeapGrowth', () => {
  it('keeps the heap V8 reserves under load well below what its default growth lets it reach', {
    timeout: 120_000,
  }, () => {
    const unbounded = peakMb(false);
    const bounded = peakMb(true);
    expect(bounded, `${bounded} MB bounded, ${unbounded} MB by default`).toBeLessThan(unbounded * 0.8);
  });
});
