import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import type { Network } from '../networks/service.js';
import { networks } from '../networks/tables.js';
import { ImportRefused } from './refusal.js';
import { importMembers, MAX_BYTES, presentReport, summaryLine, type ImportOptions } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Each test imports into a network of its own. */
async function newNetwork(): Promise<Network> {
  const slug = `n${randomBytes(4).toString('hex')}`;
  const [row] = await t.database.db
    .insert(networks)
    .values({ slug, name: `Network ${slug}`, host: `${slug}.example` })
    .returning();
  return row!;
}
const opts = (more: Partial<ImportOptions> = {}): ImportOptions => ({
  fileName: 'members.csv',
  actor: null,
  baseUrl: 'https://essaim.example',
  ...more,
});
const utf8 = (s: string) => new TextEncoder().encode(s);
const q = async <R = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await t.database.pool.query(sql, params)).rows as R[];
const count = async (table: string, network: Network) =>
  Number((await q<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE network_id = $1`, [network.id]))[0]!.n);
const refused = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportRefused);
  return (err as ImportRefused).message;
};

describe('importing a file', () => {
  it('reads UTF-8 with a BOM, semicolons, French headers and quoted line breaks, and stores complete profiles', async () => {
    const n = await newNetwork();
    const csv =
      '\ufeffPrénom;Nom;Courriel;Localité;Région d’origine;Compétences;Profil;Langue;Bio\r\n' +
      'Jean;Dupont;Jean.Dupont@Example.org;Ixelles;Hainaut;PHP, Laravel;technique;FR;"Développeur;\r\nà Charleroi"\r\n' +
      'Els;Peeters;els@example.org;Gent;autre: Lille;;andere;nederlands;\r\n';
    const r = await importMembers(t.database.db, n, utf8(csv), opts());
    expect(summaryLine(r)).toBe('2 new · 0 already known · 0 rejected');
    expect(r).toMatchObject({ encoding: 'utf-8', delimiter: ';', total: 2 });
    const [jean] = await q(
      `SELECT u.email, u.name, u.password_hash, u.email_verified_at, p.* FROM users u JOIN member_profiles p ON p.user_id = u.id WHERE u.network_id = $1 AND u.email LIKE 'jean%'`,
      [n.id],
    );
    expect(jean).toMatchObject({
      email: 'jean.dupont@example.org',
      name: 'Jean Dupont',
      password_hash: null,
      city: 'Ixelles',
      residence_region: 'BE-BRU',
      origin_region: 'BE-WHT',
      kind: 'tech',
      skills: ['PHP', 'Laravel'],
      skill_keys: ['php', 'laravel'],
      locale: 'fr',
      bio: 'Développeur;\r\nà Charleroi',
      directory_visible: false,
    });
    expect(jean!.email_verified_at).toBeInstanceOf(Date);
    expect(jean!.imported_at).toBeInstanceOf(Date);
    expect(jean!.search_text).toContain('hainaut henegouwen');
    const [els] = await q(
      `SELECT p.origin_region, p.origin_detail, p.kind, p.locale FROM member_profiles p JOIN users u ON u.id = p.user_id WHERE u.email = 'els@example.org'`,
    );
    expect(els).toEqual({ origin_region: 'other', origin_detail: 'Lille', kind: 'other', locale: 'nl' });
  });

  it('reads Windows-1252 with Dutch headers: "Liège" survives', async () => {
    const n = await newNetwork();
    const text =
      'Voornaam,Achternaam,E-mailadres,Woonplaats,Regio van herkomst\nJosé,Müller,jose@example.org,Liège,Luik\n';
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    const r = await importMembers(t.database.db, n, bytes, opts());
    expect(r).toMatchObject({ encoding: 'windows-1252', delimiter: ',', created: 1 });
    const [row] = await q(
      `SELECT u.name, p.city, p.city_key, p.origin_region, p.residence_region FROM users u JOIN member_profiles p ON p.user_id = u.id WHERE u.network_id = $1`,
      [n.id],
    );
    expect(row).toEqual({
      name: 'José Müller',
      city: 'Liège',
      city_key: 'liege',
      origin_region: 'BE-WLG',
      residence_region: 'BE-WLG',
    });
  });

  it('reports rejected rows with their line numbers; deduplicates in the file and against accounts; a dry run writes nothing', async () => {
    const n = await newNetwork();
    await q(`INSERT INTO users (network_id, email, name) VALUES ($1, 'known@example.org', 'Known One')`, [n.id]);
    const csv = [
      'email,name,origin',
      'a@example.org,A,Namur',
      'not-an-email,B,Namur',
      'KNOWN@example.org,Someone Else,Hainaut',
      '"c@example.org","C, with a comma",Atlantis',
      'A@Example.org,A again,',
      '',
      'd@example.org,"D',
      'on two lines",BE-VWV',
      'e@example.org,,other',
    ].join('\n');
    const dry = await importMembers(t.database.db, n, utf8(csv), opts({ dryRun: true }));
    const report = presentReport(dry);
    // A name is one line: its quote running over the line end is reported, and the next line read on its own.
    expect(report).toMatchObject({
      dryRun: true,
      total: 8,
      created: 2,
      known: 1,
      summary: '2 new · 1 already known · 5 rejected',
    });
    expect(report.rejected).toEqual([
      { line: 3, reason: "invalid e-mail 'not-an-email'" },
      { line: 5, reason: "unknown region 'Atlantis'" },
      { line: 6, reason: 'duplicate of line 2' },
      {
        line: 8,
        reason:
          'a quoted field runs over the end of the line (an unclosed quote?): this line was not read, the next ones were',
      },
      { line: 9, reason: "invalid e-mail 'on two lines\"'" },
    ]);
    expect(await count('users', n)).toBe(1);
    expect(await count('audit_log', n)).toBe(0);

    const real = await importMembers(
      t.database.db,
      n,
      utf8(csv),
      opts({ actor: { id: (await t.user('admin')).user.id, email: 'boss@example.org' } }),
    );
    expect(presentReport(real)).toEqual({ ...report, dryRun: false });
    expect((await q(`SELECT name FROM users WHERE email = 'known@example.org'`))[0]).toEqual({ name: 'Known One' });
    expect((await q(`SELECT name FROM users WHERE network_id = $1 AND email = 'e@example.org'`, [n.id]))[0]).toEqual({
      name: 'E',
    });
    const [audit] = await q(`SELECT actor_email, action, subject, details FROM audit_log WHERE network_id = $1`, [
      n.id,
    ]);
    expect(audit).toEqual({
      actor_email: 'boss@example.org',
      action: 'members.import',
      subject: 'members.csv',
      details: { created: 2, known: 1, rejected: 5, total: 8, welcome: false },
    });

    const again = await importMembers(t.database.db, n, utf8(csv), opts());
    expect(summaryLine(again)).toBe('0 new · 3 already known · 5 rejected');
    expect(await count('users', n)).toBe(3);
  });

  it('queues no mail without `welcome`, and one welcome per new member in their language with it', async () => {
    const n = await newNetwork();
    await importMembers(t.database.db, n, utf8('email,langue\nx1@example.org,fr\n'), opts());
    expect(await count('outbound_messages', n)).toBe(0);
    const r = await importMembers(
      t.database.db,
      n,
      utf8('email,langue\nx1@example.org,fr\nx2@example.org,nl\nx3@example.org,en\n'),
      opts({ welcome: true }),
    );
    expect(r.created).toBe(2);
    const mails = await q<{ to_email: string; locale: string; subject: string; text_body: string }>(
      `SELECT to_email, locale, subject, text_body FROM outbound_messages WHERE network_id = $1 ORDER BY to_email`,
      [n.id],
    );
    expect(mails.map((m) => [m.to_email, m.locale, m.subject])).toEqual([
      ['x2@example.org', 'nl', `Welkom bij ${n.name}`],
      ['x3@example.org', 'en', `Welcome to ${n.name}`],
    ]);
    expect(mails[0]!.text_body).toContain('https://essaim.example/login');
  });
});

describe('quotes that do not close where they should', () => {
  it('reports an unclosed quote and text after a closing quote with their lines; merges no row', async () => {
    const n = await newNetwork();
    const csv = [
      'email,name,city',
      'ok1@x.org,One,Mons',
      'bad-quote@x.org,"Unclosed,Two',
      'ok2@x.org,Ok,Two',
      'ok3@x.org,"Quoted",Namur',
      'trail@x.org,"trailing"garbage,Liège',
      'ok4@x.org,"Four, Jr.",Gent',
      'bio@x.org,Bio,"Gent',
    ].join('\n');
    const r = presentReport(await importMembers(t.database.db, n, utf8(csv), opts({ dryRun: true })));
    expect(r.total).toBe(7);
    expect(r.created).toBe(4);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [
        3,
        'a quoted field runs over the end of the line (an unclosed quote?): this line was not read, the next ones were',
      ],
      [6, 'text after a closing quote: quote the whole field, doubling the quotes inside'],
      [8, 'a quote is opened and never closed'],
    ]);
  });

  it('keeps quoted line breaks in a bio, the one multi-line column', async () => {
    const n = await newNetwork();
    const csv = 'email,name,bio\nada@x.org,Ada,"First line\nsecond line"\nbob@x.org,Bob,\n';
    const r = presentReport(await importMembers(t.database.db, n, utf8(csv), opts()));
    expect(r).toMatchObject({ total: 2, created: 2, rejected: [] });
  });
});

describe('files refused as a whole', () => {
  it('refuses binary, oversize, empty, too many rows, and no e-mail column', async () => {
    const n = await newNetwork();
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(await refused(importMembers(t.database.db, n, png, opts()))).toBe('this file is not a CSV text file');
    expect(await refused(importMembers(t.database.db, n, new Uint8Array(MAX_BYTES + 1).fill(0x61), opts()))).toBe(
      'the file is larger than 20 MB: split it',
    );
    expect(await refused(importMembers(t.database.db, n, new Uint8Array(0), opts()))).toBe('the file is empty');
    const many = `email\n${Array.from({ length: 100_001 }, (_, i) => `m${i}@example.org`).join('\n')}`;
    expect(await refused(importMembers(t.database.db, n, utf8(many), opts()))).toBe(
      'the file has 100,001 rows; at most 100,000 can be imported at once: split it',
    );
    expect(await refused(importMembers(t.database.db, n, utf8('Nom;Ville\nAda;Namur\n'), opts()))).toMatch(
      /^no e-mail column among the columns found \(Nom, Ville\)/,
    );
    expect(await count('users', n)).toBe(0);
  });
});

describe('a large file', () => {
  it('imports the good rows of 50,000 and reports the broken ones', async () => {
    const n = await newNetwork();
    const regions = ['Hainaut', 'West-Vlaanderen', 'Namur', 'BE-BRU', 'Luik', ''];
    const lines = ['email;name;city;origin;skills;kind'];
    const broken = new Map<number, string>();
    for (let i = 0; i < 50_000; i++) {
      const line = i + 2;
      if (i % 1000 === 7) {
        lines.push(`broken${i}.example.org;Broken ${i};Mons;Hainaut;;`);
        broken.set(line, `invalid e-mail 'broken${i}.example.org'`);
      } else if (i % 1000 === 500) {
        lines.push(`r${i}@example.org;R ${i};Mons;Narnia;;`);
        broken.set(line, "unknown region 'Narnia'");
      } else
        lines.push(
          `member${i}@example.org;Member ${i};Charleroi;${regions[i % regions.length]};PHP|SQL;${i % 2 ? 'tech' : 'generalist'}`,
        );
    }
    const progress: number[] = [];
    const started = Date.now();
    const r = await importMembers(
      t.database.db,
      n,
      utf8(lines.join('\n')),
      opts({ onProgress: (done) => progress.push(done) }),
    );
    const ms = Date.now() - started;
    expect(summaryLine(r)).toBe('49900 new · 0 already known · 100 rejected');
    expect(
      new Map(r.rejected.map((x) => [x.line, presentReport({ ...r, rejected: [x] }).rejected[0]!.reason])),
    ).toEqual(broken);
    expect(await count('member_profiles', n)).toBe(49_900);
    expect(progress.at(-1)).toBe(50_000);
    expect(progress.length).toBeGreaterThan(40);
    // 7,000 rows must take under 10 s; 50,000 leave room on a slow machine.
    expect(ms).toBeLessThan(60_000);
  }, 120_000);
});
