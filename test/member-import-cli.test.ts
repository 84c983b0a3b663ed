import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServer, tempDataDir } from './support/server.js';

const dirs: string[] = [];
const dataDir = (label: string) => {
  const d = tempDataDir(label);
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const files = dataDir('import-files');
const write = (name: string, content: string | Buffer) => {
  const file = path.join(files, name);
  fs.writeFileSync(file, content);
  return file;
};
const lastLine = (s: string) => s.trim().split('\n').at(-1);

// 3 members, an invalid address, a duplicate, an unknown region; semicolons and a BOM, as Excel saves them.
const members = write(
  'members.csv',
  '\ufeffCourriel;Nom;Région d’origine\nana@example.org;Ana;Hainaut\nnot-an-email;Bad;Namur\nbo@example.org;Bo;West-Vlaanderen\nANA@example.org;Ana again;\ncy@example.org;Cy;Mordor\ndi@example.org;Di;\n',
);

describe('essaim members import', { timeout: 120_000 }, () => {
  it('has its own help, listed in the main help', async () => {
    expect((await runCli(['--help'], {})).stdout).toContain('members import FILE.csv');
    const help = await runCli(['members', 'import', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: essaim members import FILE\.csv/);
  });

  it('fails with one line and exit code 1 for a missing, binary, oversize file or one with no e-mail column', async () => {
    const env = { ESSAIM_DATA_DIR: dataDir('import-bad') };
    const cases: [string, string | RegExp][] = [
      [path.join(files, 'nope.csv'), /^essaim: cannot read .*nope\.csv \(ENOENT\)$/],
      [
        write('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
        'essaim: this file is not a CSV text file',
      ],
      [write('big.csv', Buffer.alloc(20 * 1024 * 1024 + 1, 'a')), 'essaim: the file is larger than 20 MB: split it'],
      [
        write('names.csv', 'Nom;Ville\nAda;Namur\n'),
        'essaim: no e-mail column among the columns found (Nom, Ville): map one, e.g. email=Courriel',
      ],
    ];
    for (const [file, message] of cases) {
      const res = await runCli(['members', 'import', file], env);
      expect(res.code, file).toBe(1);
      expect(res.stderr.trim()).toMatch(message);
      expect(res.stdout).toBe('');
    }
    const usage = await runCli(['members', 'import'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim()).toBe('essaim: missing FILE.csv');
  });

  it('with no server running: dry run, import, report, and the same file again adds nobody', async () => {
    const env = { ESSAIM_DATA_DIR: dataDir('import-cli') };
    const dry = await runCli(['members', 'import', members, '--dry-run'], env);
    expect(dry.stderr).toContain('import: 6/6 rows (100%)');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('columns: Courriel → email, Nom → name, Région d’origine → originRegion\n');
    expect(dry.stdout).toContain(
      "line 3: invalid e-mail 'not-an-email'\nline 5: duplicate of line 2\nline 6: unknown region 'Mordor'\n",
    );
    expect(dry.stdout).toContain('dry run: nothing was written\n');
    expect(lastLine(dry.stdout)).toBe('3 new · 0 already known · 3 rejected');

    const report = path.join(files, 'rejected.csv');
    const real = await runCli(['members', 'import', members, '--report', report], env);
    expect(real.code, real.stderr).toBe(0);
    expect(lastLine(real.stdout)).toBe('3 new · 0 already known · 3 rejected');
    expect(fs.readFileSync(report, 'utf8')).toBe(
      "line,reason,Courriel,Nom,Région d’origine\r\n3,invalid e-mail 'not-an-email',not-an-email,Bad,Namur\r\n5,duplicate of line 2,ANA@example.org,Ana again,\r\n6,unknown region 'Mordor',cy@example.org,Cy,Mordor\r\n",
    );

    const again = await runCli(['members', 'import', members], env);
    expect(again.code).toBe(0);
    expect(lastLine(again.stdout)).toBe('0 new · 3 already known · 3 rejected');
    expect(fs.existsSync(`${env.ESSAIM_DATA_DIR}/pg/postmaster.pid`)).toBe(false);
  });

  it('joins a running server, lists the first 20 rejected rows, and leaves the server up', async () => {
    const env = { ESSAIM_DATA_DIR: dataDir('import-live') };
    const rows = ['email,name'];
    for (let i = 0; i < 30; i++) rows.push(`broken${i},B${i}`, `ok${i}@example.org,Ok ${i}`);
    const file = write('live.csv', rows.join('\n'));
    const server = await startServer(env);
    try {
      const res = await runCli(['members', 'import', file, '--map', 'name=2'], env);
      expect(res.code, res.stderr).toBe(0);
      const lines = res.stdout.trim().split('\n');
      expect(lines.filter((l) => l.startsWith('line '))).toHaveLength(20);
      expect(res.stdout).toContain('… and 10 more — see --report\n');
      expect(lines.at(-1)).toBe('30 new · 0 already known · 30 rejected');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(lastLine((await runCli(['members', 'import', file], env)).stdout)).toBe(
        '0 new · 30 already known · 30 rejected',
      );
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
