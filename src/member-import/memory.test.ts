import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

// Issue 16, point 23: a dozen large imports grew a server from 0.24 to 1.18 GB and it stayed
// there. Imports run here through the API in one process, one after the other, and the heap
// (after a full garbage collection) must come back near where it started: nothing of a file —
// its bytes, its text, its rows, its report — may outlive its request.

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heap = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  return process.memoryUsage().heapUsed;
};
const MB = 1024 * 1024;

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
});
afterAll(() => t.close());

/** A file of `rows` members (with bios, and some rows refused so the report has content). */
function file(k: number, rows: number): Buffer {
  const lines = ['E-mail;Nom;Ville;Région d’origine;Compétences;Profil;Bio'];
  for (let i = 0; i < rows; i++)
    lines.push(
      i % 50 === 7
        ? `not-an-address-${k}-${i};Broken ${i};Mons;Hainaut;;tech;`
        : `m${k}-${i}@example.org;Membre ${i} Dupont-Lefèvre;Charleroi;Hainaut;PHP|SQL|Docker;tech;"Développeuse, ${'x'.repeat(60)}"`,
    );
  return Buffer.from(lines.join('\n'));
}
const post = (bytes: Buffer, query = '') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/members/import${query}`,
    headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${admin}` },
    payload: bytes,
  });

describe('importing large files one after the other', () => {
  it('gives the memory back: the heap after the last is within a few MB of the heap after the first', async () => {
    // A first import loads what every import uses (code, catalogues, prepared shapes).
    expect((await post(file(0, 2_000))).statusCode).toBe(200);
    const start = await heap();
    let peak = start;
    let rows = 0;
    const files = [
      { rows: 60_000, query: '?dryRun=true' },
      { rows: 10_000, query: '' },
      { rows: 60_000, query: '?dryRun=true' },
      { rows: 10_000, query: '' },
      { rows: 60_000, query: '?dryRun=true' },
      { rows: 10_000, query: '?welcome=true' },
    ];
    for (const [i, f] of files.entries()) {
      const res = await post(file(i + 1, f.rows), f.query);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const report = res.json() as { total: number; created: number; rejected: unknown[] };
      expect(report.total).toBe(f.rows);
      expect(report.rejected.length).toBe(Math.floor((f.rows - 8) / 50) + 1);
      rows += f.rows;
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const end = await heap();
    console.info(
      `member imports: ${rows} rows in ${files.length} files; heap ${(start / MB).toFixed(0)} MB → peak ${(peak / MB).toFixed(0)} MB → ${(end / MB).toFixed(0)} MB after gc`,
    );
    // The imports did hold a lot while they ran…
    expect(peak - start).toBeGreaterThan(30 * MB);
    // …and nothing of it afterwards (some slack for the connection pool and JIT's own growth).
    expect(end - start).toBeLessThan(15 * MB);
    const users = await t.database.pool.query(`SELECT count(*)::int AS n FROM users WHERE email ~ '^m[246]-'`);
    expect(users.rows[0].n).toBe(3 * (10_000 - 200));
  }, 300_000);

  it('takes uploads arriving together one at a time, each with its whole report, and gives the memory back', async () => {
    expect((await post(file(10, 2_000), '?dryRun=true')).statusCode).toBe(200);
    const start = await heap();
    const answers = await Promise.all(
      [11, 12, 13, 14].map((k) => post(file(k, k % 2 ? 30_000 : 5_000), k % 2 ? '?dryRun=true' : '')),
    );
    for (const [i, res] of answers.entries()) {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const rows = i % 2 === 0 ? 30_000 : 5_000;
      expect(res.json()).toMatchObject({ total: rows, created: rows - (Math.floor((rows - 8) / 50) + 1) });
    }
    const end = await heap();
    console.info(`member imports together: heap ${(start / MB).toFixed(0)} MB → ${(end / MB).toFixed(0)} MB after gc`);
    expect(end - start).toBeLessThan(15 * MB);
  }, 300_000);
});
