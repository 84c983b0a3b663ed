import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/db.js';
import { runCli, startServer, tempDataDir } from './support/server.js';

// Every command starts Node and often an embedded PostgreSQL: the time bound is generous because a
// loaded two-core machine takes seconds per start; it bounds a hang, it does not measure speed.
const dirs: string[] = [];
const dataDir = (label: string) => {
  const d = tempDataDir(label);
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('essaim --help', { timeout: 120_000 }, () => {
  it('lists the commands, and each command has its own help', async () => {
    const top = await runCli(['--help'], {});
    expect(top.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'demo', 'user create', 'user set-password', 'token create'])
      expect(top.stdout).toContain(cmd);
    for (const cmd of [['serve'], ['migrate'], ['demo'], ['user', 'create'], ['token', 'create']]) {
      const res = await runCli([...cmd, '--help'], {});
      expect(res.code, cmd.join(' ')).toBe(0);
      expect(res.stdout).toMatch(/^Usage: essaim /);
    }
  });

  it('fails with a one-line reason and a non-zero code on a wrong command or flag', async () => {
    const unknown = await runCli(['fly'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('essaim: unknown command "fly"');
    const flag = await runCli(['migrate', '--colour'], {});
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^essaim: unknown option '--colour'/);
    const missing = await runCli(['user', 'create', '--name', 'Ada'], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('essaim: missing --email');
  });
});

describe('commands on a data directory with no server running', { timeout: 120_000 }, () => {
  const env: Record<string, string> = {};
  beforeAll(() => {
    env.ESSAIM_DATA_DIR = dataDir('cli');
  });

  it('migrate initialises the embedded database and leaves no server behind', async () => {
    const res = await runCli(['migrate'], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('migrations applied (embedded PostgreSQL in');
    expect(fs.existsSync(`${env.ESSAIM_DATA_DIR}/pg/PG_VERSION`)).toBe(true);
    expect(fs.existsSync(`${env.ESSAIM_DATA_DIR}/pg/postmaster.pid`)).toBe(false);
  });

  it('user create makes an account once, with a generated password shown once', async () => {
    const res = await runCli(['user', 'create', '--email', 'Ada@Example.org', '--name', 'Ada', '--role', 'admin'], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^created admin ada@example\.org \([0-9a-f-]{36}\)\npassword: \S{16} \(shown once\)\n$/);
    const again = await runCli(['user', 'create', '--email', 'ada@example.org', '--name', 'Ada'], env);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe('essaim: an account with the e-mail ada@example.org already exists.');
    const badRole = await runCli(
      ['user', 'create', '--email', 'bob@example.org', '--name', 'Bob', '--role', 'king'],
      env,
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role');
  });

  it('demo fills an empty network and refuses a filled one without --force', async () => {
    const first = await runCli(['demo'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('demo data: 5 chapters, 3 venues, 3000 members');
    // An admin already exists (created above), so the demo adds none.
    expect(first.stdout).not.toContain('demo admin');
    const second = await runCli(['demo'], env);
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toMatch(
      /^essaim: the network "Essaim" already has chapters or venues: run `essaim demo --force`/,
    );
    const forced = await runCli(['demo', '--force'], env);
    expect(forced.code).toBe(0);
    // Twice the demo, which also judges two calls through the real services.
  }, 180_000);

  it('token create prints a token for an account, and refuses an unknown e-mail', async () => {
    const res = await runCli(['token', 'create', '--email', 'ada@example.org', '--name', 'laptop'], env);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toMatch(/^essaim_[A-Za-z0-9_-]{43}$/);
    env.TOKEN = res.stdout.trim();
    const unknown = await runCli(['token', 'create', '--email', 'nobody@example.org'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe(
      'essaim: no account uses nobody@example.org: create it with `essaim user create`',
    );
  });

  it('the server then serves that data, and commands join the running server', async () => {
    const server = await startServer({ ESSAIM_DATA_DIR: env.ESSAIM_DATA_DIR! });
    try {
      const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${env.TOKEN}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: 'ada@example.org', role: 'admin' });
      const chapters = (await (await fetch(`${server.url}/api/v1/chapters?limit=100`)).json()) as {
        items: { slug: string }[];
      };
      expect(chapters.items.map((c) => c.slug)).toEqual(['brussels', 'charleroi', 'kortrijk', 'mons', 'namur']);

      const created = await runCli(
        ['user', 'create', '--email', 'grace@example.org', '--name', 'Grace', '--password', 'a long password'],
        env,
      );
      expect(created.code).toBe(0);
      // The command must not have stopped the server's database on its way out.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const login = await fetch(`${server.url}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'grace@example.org', password: 'a long password', name: 'test' }),
      });
      expect(login.status).toBe(201);

      const second = await runCli(['serve', '--port', '0'], env);
      expect(second.code).toBe(1);
      expect(second.stderr.trim()).toMatch(
        /^essaim: data directory .* is used by another live Essaim \(pid \d+\): stop it first or choose another ESSAIM_DATA_DIR$/,
      );
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(fs.existsSync(`${env.ESSAIM_DATA_DIR}/pg/postmaster.pid`)).toBe(false);
  });
});

describe('clear one-line errors', { timeout: 120_000 }, () => {
  it('names the host and port of an unreachable DATABASE_URL', async () => {
    const res = await runCli(['migrate'], { DATABASE_URL: 'postgres://essaim:secret@127.0.0.1:1/essaim' });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe('essaim: cannot reach PostgreSQL at 127.0.0.1:1 (ECONNREFUSED): check DATABASE_URL');
    expect(res.stderr).not.toContain('secret');
  });

  it('says when the data directory is not writable', async () => {
    const res = await runCli(['migrate'], { ESSAIM_DATA_DIR: '/etc/hostname/data' });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe(
      'essaim: data directory /etc/hostname/data is not writable (ENOTDIR): fix its permissions or choose another with ESSAIM_DATA_DIR',
    );
  });

  it('says when the data directory cannot be created', async () => {
    // Where the kernel refuses a new folder (under /proc), the command must fail, not hang.
    const res = await runCli(['migrate'], { ESSAIM_DATA_DIR: '/proc/essaim-data' });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toMatch(
      /^essaim: data directory \/proc\/essaim-data is not writable \(E[A-Z]+\): fix its permissions or choose another with ESSAIM_DATA_DIR$/,
    );
  });

  it('says which setting is invalid', async () => {
    const res = await runCli(['migrate'], { PORT: 'eighty', ESSAIM_DATA_DIR: dataDir('cfg') });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toMatch(/^essaim: invalid configuration — PORT: /);
    const port = await runCli(['serve', '--port', 'x'], {});
    expect(port.code).toBe(2);
    expect(port.stderr.trim()).toBe('essaim: --port must be a number from 0 to 65535');
  });

  it('says a port is taken in one line with code 2 (the server module is loaded only by serve)', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const res = await runCli(['serve', '--port', String(port), '--host', '127.0.0.1'], {
        ESSAIM_DATA_DIR: dataDir('port'),
      });
      expect(res.code).toBe(2);
      expect(res.stderr.trim()).toBe(`essaim: port ${port} on 127.0.0.1 is already in use: set PORT or pass --port`);
    } finally {
      taken.close();
    }
  });
});

describe('commands on DATABASE_URL', { timeout: 120_000 }, () => {
  it('migrate, user create and token create work on an external PostgreSQL', async () => {
    const database = await createTestDatabase();
    try {
      const env = { DATABASE_URL: database.url };
      expect((await runCli(['migrate'], env)).code).toBe(0);
      const created = await runCli(
        ['user', 'create', '--email', 'ext@example.org', '--name', 'Ext', '--password', 'a long password'],
        env,
      );
      expect(created.code).toBe(0);
      const rows = await database.pool.query('SELECT email, role FROM users');
      expect(rows.rows).toEqual([{ email: 'ext@example.org', role: 'member' }]);
      const token = await runCli(['token', 'create', '--email', 'ext@example.org'], env);
      expect(token.code).toBe(0);
      expect((await database.pool.query('SELECT count(*)::int AS n FROM api_tokens')).rows[0].n).toBe(1);
    } finally {
      await database.close();
    }
  });

  it('user set-password gives an account a new password, signs it out everywhere, audits it and mails a notice', async () => {
    const database = await createTestDatabase();
    try {
      const env = { DATABASE_URL: database.url };
      expect((await runCli(['migrate'], env)).code).toBe(0);
      const args = ['user', 'create', '--email', 'pw@example.org', '--name', 'Pw', '--password', 'a long password'];
      expect((await runCli(args, env)).code).toBe(0);
      expect((await runCli(['token', 'create', '--email', 'pw@example.org'], env)).code).toBe(0);
      const hash = async () => (await database.pool.query('SELECT password_hash FROM users')).rows[0].password_hash;
      const before = await hash();

      // A weak password or an unknown account: refused, nothing changes.
      const weak = await runCli(['user', 'set-password', 'pw@example.org', '--password', 'azertyuiop'], env);
      expect(weak.code).toBe(2);
      expect(weak.stderr).toContain('--password');
      const unknown = await runCli(['user', 'set-password', 'nobody@example.org'], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr.trim()).toBe(
        'essaim: no account uses nobody@example.org: create it with `essaim user create`',
      );
      expect(await hash()).toBe(before);

      const res = await runCli(['user', 'set-password', 'PW@example.org'], env);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(
        /^password changed for pw@example\.org: 0 sessions signed out, 1 API tokens revoked\npassword: \S{16} \(shown once\)\n$/,
      );
      expect(await hash()).not.toBe(before);
      const tokens = await database.pool.query('SELECT count(*)::int AS n FROM api_tokens WHERE revoked_at IS NULL');
      expect(tokens.rows[0].n).toBe(0);
      const audit = await database.pool.query(
        `SELECT actor_id, actor_email, subject FROM audit_log WHERE action = 'account.password_change'`,
      );
      expect(audit.rows).toEqual([{ actor_id: null, actor_email: 'command line', subject: 'pw@example.org' }]);
      const mail = await database.pool.query(`SELECT to_email FROM outbound_messages WHERE kind = 'password.changed'`);
      expect(mail.rows).toEqual([{ to_email: 'pw@example.org' }]);

      const given = await runCli(['user', 'set-password', 'pw@example.org', '--password', 'another long phrase'], env);
      expect(given.code).toBe(0);
      expect(given.stdout).not.toContain('another long phrase');
    } finally {
      await database.close();
    }
  });
});
