// Memory of member imports: a dozen large CSV files read and checked one after the other (the part
// of an import that depends on the file; the database part writes in batches of fixed size).
// Prints RSS and heap before, at the peak, and after a garbage collection.
// Run: npm run build && node --expose-gc bench/import-memory.mjs
import { planImport } from '../dist/member-import/service.js';

const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const file = (k) => {
  const lines = ['email;name;city;origin;skills;kind;bio'];
  for (let i = 0; i < 99_000; i++)
    lines.push(
      `member${k}-${i}@example.org;Member ${i} Dupont-Lefèvre;Charleroi;Hainaut;PHP|SQL|Docker;tech;"Développeur, ${'x'.repeat(60)}"`,
    );
  return Buffer.from(lines.join('\n'));
};
globalThis.gc?.();
const before = process.memoryUsage();
let peak = before.rss;
let rows = 0;
let bytes = 0;
for (let k = 0; k < 12; k++) {
  const f = file(k);
  bytes += f.length;
  const plan = planImport(f);
  rows += plan.candidates.length;
  peak = Math.max(peak, process.memoryUsage().rss);
}
globalThis.gc?.();
await new Promise((r) => setTimeout(r, 200));
globalThis.gc?.();
const after = process.memoryUsage();
console.log(
  `12 files, ${mb(bytes)}, ${rows} rows: RSS ${mb(before.rss)} before, ${mb(peak)} peak, ${mb(after.rss)} after; heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}`,
);
