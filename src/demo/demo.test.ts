import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.js';
import type { Database } from '../db/connection.js';
import { ensureDefaultNetwork, type Network } from '../networks/service.js';
import { DEMO_MEMBERS, generateMembers } from './members.js';
import { loadDemo, type DemoSummary } from './service.js';

/** The demo: its generated members have the shares the product story needs. */

let database: Database;
let network: Network;
let summary: DemoSummary;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-demo-'));

const one = async <T>(sql: string, params: unknown[] = []) => (await database.pool.query(sql, params)).rows[0] as T;
const n = async (sql: string, params: unknown[] = []) => (await one<{ n: number }>(sql, params)).n;

// The loader runs in transactions, on one client each: a query sent while that client is still
// busy (Promise.all on a transaction) is deprecated by pg, which warns once per process. Every such
// query is counted here (pg's own condition), and any warning the process emits is kept.
const overlapping: string[] = [];
const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(w.message);

beforeAll(async () => {
  database = await createTestDatabase();
  network = await ensureDefaultNetwork(database.db, 'Demo network');
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client & { _queryQueue?: unknown[] }, ...args: unknown[]) {
    if ((this._queryQueue?.length ?? 0) > 0)
      overlapping.push(String((args[0] as { text?: string })?.text ?? args[0]).slice(0, 120));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  process.on('warning', onWarning);
  try {
    summary = await loadDemo(database.db, network, { dataDir });
  } finally {
    pg.Client.prototype.query = query;
    process.off('warning', onWarning);
  }
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('demo loader', () => {
  it('never sends a query to a client that is still busy with another, and makes pg warn of nothing', () => {
    expect(overlapping).toEqual([]);
    expect(warnings.filter((w) => /already executing a query/.test(w))).toEqual([]);
  });
});

describe('demo come-home campaign', () => {
  it('invites the members from Hainaut living elsewhere to the next Charleroi IT day, and some answered', async () => {
    const campaign = await one<{ title: string; chapter: string; recipients: number; starts_at: Date }>(
      `SELECT e.title, c.slug AS chapter, ic.recipients, e.starts_at FROM invitation_campaigns ic
         JOIN events e ON e.id = ic.event_id JOIN chapters c ON c.id = ic.chapter_id WHERE ic.network_id = $1`,
      [network.id],
    );
    expect(campaign.chapter).toBe('charleroi');
    expect(campaign.title).toMatch(/IT/);
    expect(campaign.starts_at.getTime()).toBeGreaterThan(Date.now());
    expect(summary.invitations).toBe(campaign.recipients);
    expect(summary.invitations).toBeGreaterThanOrEqual(300);
    // Every one invited is from Hainaut, lives elsewhere, and did not opt out.
    expect(
      await n(
        `SELECT count(*)::int AS n FROM invitations i JOIN member_profiles p ON p.user_id = i.user_id
          WHERE i.network_id = $1 AND (p.origin_region <> 'BE-WHT' OR p.residence_region = 'BE-WHT' OR p.invitations_opt_out)`,
        [network.id],
      ),
    ).toBe(0);
    expect(
      await n("SELECT count(*)::int AS n FROM outbound_messages WHERE network_id = $1 AND kind = 'invitation'", [
        network.id,
      ]),
    ).toBe(summary.invitations);
    // Twelve came back: their registrations follow their invitations.
    expect(
      await n(
        `SELECT count(*)::int AS n FROM invitations i JOIN registrations r ON r.event_id = i.event_id AND r.user_id = i.user_id
          WHERE i.network_id = $1 AND r.status <> 'cancelled' AND r.created_at >= i.created_at`,
        [network.id],
      ),
    ).toBe(12);
  });
});

describe('demo members', () => {
  it('are several thousand verified accounts, each with a profile, and counted in the summary', async () => {
    expect(summary.members).toBe(DEMO_MEMBERS);
    expect(DEMO_MEMBERS).toBeGreaterThanOrEqual(3000);
    expect(await n('SELECT count(*)::int AS n FROM member_profiles WHERE network_id = $1', [network.id])).toBe(
      DEMO_MEMBERS,
    );
    expect(
      await n(
        'SELECT count(*)::int AS n FROM users u JOIN member_profiles p ON p.user_id = u.id WHERE u.email_verified_at IS NULL',
      ),
    ).toBe(0);
    // The derived search columns are filled (profileRow computed them).
    expect(
      await n(
        "SELECT count(*)::int AS n FROM member_profiles WHERE city_key = '' OR search_text = '' OR cardinality(skill_keys) = 0 OR kind IS NULL OR residence_region IS NULL OR origin_region IS NULL",
      ),
    ).toBe(0);
    expect(
      await n("SELECT count(*)::int AS n FROM member_profiles WHERE city = 'Liège' AND city_key = 'liege'"),
    ).toBeGreaterThan(0);
  });

  it('have the expected shares of residence, origin, kind, language, directory and opt-outs', async () => {
    const count = (where: string) =>
      n(`SELECT count(*)::int AS n FROM member_profiles WHERE network_id = $1 AND ${where}`, [network.id]);
    expect(await count("residence_region = 'BE-BRU' AND origin_region = 'BE-WHT'")).toBeGreaterThanOrEqual(300);
    expect(await count("residence_region = 'BE-BRU' AND origin_region = 'BE-VWV'")).toBeGreaterThanOrEqual(150);
    expect(await count("residence_region = origin_region AND origin_region <> 'BE-BRU'")).toBeGreaterThanOrEqual(
      DEMO_MEMBERS * 0.35,
    );
    const abroad = await count("origin_region = 'other'");
    expect(abroad).toBeGreaterThan(DEMO_MEMBERS * 0.03);
    expect(await count("origin_region = 'other' AND origin_detail = ''")).toBe(0);
    expect(await count("origin_region <> 'other' AND origin_detail <> ''")).toBe(0);
    for (const kind of ['tech', 'generalist', 'other'])
      expect(await count(`kind = '${kind}'`)).toBeGreaterThan(DEMO_MEMBERS * 0.05);

    const visible = await count('directory_visible');
    expect(visible / DEMO_MEMBERS).toBeGreaterThan(0.28);
    expect(visible / DEMO_MEMBERS).toBeLessThan(0.4);
    // Who's going: some of those listed chose it too, and nobody who is not listed.
    const shown = await count('attendance_visible');
    expect(shown).toBeGreaterThan(visible * 0.3);
    expect(shown).toBeLessThan(visible * 0.7);
    expect(await count('attendance_visible AND NOT directory_visible')).toBe(0);
    const optedOut = await count('invitations_opt_out');
    expect(optedOut / DEMO_MEMBERS).toBeGreaterThan(0.02);
    expect(optedOut / DEMO_MEMBERS).toBeLessThan(0.08);

    // Mostly the language of the region they come from.
    const flemishNl = await one<{ nl: number; all: number }>(
      "SELECT count(*) FILTER (WHERE locale = 'nl')::int AS nl, count(*)::int AS all FROM member_profiles WHERE origin_region IN ('BE-VWV','BE-VOV','BE-VAN','BE-VBR','BE-VLI')",
    );
    expect(flemishNl.nl / flemishNl.all).toBeGreaterThan(0.75);
    const walloonFr = await one<{ fr: number; all: number }>(
      "SELECT count(*) FILTER (WHERE locale = 'fr')::int AS fr, count(*)::int AS all FROM member_profiles WHERE origin_region IN ('BE-WHT','BE-WLG','BE-WNA','BE-WBR','BE-WLX')",
    );
    expect(walloonFr.fr / walloonFr.all).toBeGreaterThan(0.8);
    // Every city of residence is a town the gazetteer places in the stated region.
    expect(await count("residence_region = 'BE-BRU' AND city IN ('Charleroi', 'Kortrijk')")).toBe(0);
  });

  it('follow chapters: those from Hainaut follow Charleroi, those from West Flanders Kortrijk', async () => {
    const following = (chapter: string, origin: string) =>
      n(
        'SELECT count(*)::int AS n FROM chapter_followers f JOIN chapters c ON c.id = f.chapter_id JOIN member_profiles p ON p.user_id = f.user_id WHERE c.slug = $1 AND p.origin_region = $2',
        [chapter, origin],
      );
    expect(await following('charleroi', 'BE-WHT')).toBeGreaterThan(300);
    expect(await following('kortrijk', 'BE-VWV')).toBeGreaterThan(150);
    expect(await following('kortrijk', 'BE-WHT')).toBe(0);
  });

  it('are generated the same on every run', () => {
    expect(generateMembers(50)).toEqual(generateMembers(50));
    expect(new Set(generateMembers().map((m) => m.email)).size).toBe(DEMO_MEMBERS);
  });

  it('a few demo registrations consent to share with the venue', async () => {
    const shared = await n('SELECT count(*)::int AS n FROM registrations WHERE shared_with_venue_at IS NOT NULL');
    expect(shared).toBeGreaterThan(0);
    expect(shared).toBeLessThan(summary.registrations / 3);
  });

  it('loading again with force keeps one account and profile per member', async () => {
    const again = await loadDemo(database.db, network, { force: true, dataDir });
    expect(again.members).toBe(DEMO_MEMBERS);
    expect(await n('SELECT count(*)::int AS n FROM member_profiles WHERE network_id = $1', [network.id])).toBe(
      DEMO_MEMBERS,
    );
    expect(
      await n("SELECT count(*)::int AS n FROM users WHERE email LIKE '%.m%@example.org' AND network_id = $1", [
        network.id,
      ]),
    ).toBe(DEMO_MEMBERS);
    // Chapters were replaced: their followers are back.
    expect(
      await n('SELECT count(*)::int AS n FROM chapter_followers WHERE network_id = $1', [network.id]),
    ).toBeGreaterThan(500);
    // The demo also judges two calls through the real services (about a hundred reviews).
  }, 120_000);
});

describe('demo news', () => {
  it('has a dozen articles in three languages across chapters, one partner article, and seed 004 imported and repaired', async () => {
    expect(summary.news).toEqual({ articles: 13, repairs: expect.any(Number), queued: expect.any(Number) });
    expect(summary.news!.repairs).toBeGreaterThanOrEqual(91);
    expect(summary.news!.queued).toBeGreaterThanOrEqual(1);
    const langs = await database.pool.query(
      `SELECT language, count(*)::int AS n FROM articles WHERE network_id = $1 AND status = 'published' GROUP BY language ORDER BY language`,
      [network.id],
    );
    expect(langs.rows.map((r) => r.language)).toEqual(['en', 'fr', 'nl']);
    expect(
      await n(`SELECT count(DISTINCT chapter_id)::int AS n FROM articles WHERE network_id = $1`, [network.id]),
    ).toBe(3);
    expect(await n(`SELECT count(*)::int AS n FROM articles WHERE network_id = $1 AND partner`, [network.id])).toBe(1);
    const seed = await one<{ title: string; html: string }>(
      `SELECT title, body_html AS html FROM articles WHERE network_id = $1 AND source_key = 'md:id:23'`,
      [network.id],
    );
    expect(seed.title).toBe('Le co-working, une nouvelle vision de l’entreprise [Podcast]');
    // Its Markdown sat inside WordPress's <div> wrappers: it reads as a heading, links and pictures.
    expect(seed.html).toMatch(/<h2><a href="http:\/\/alaingerlache\.be\/post\/[^"]+">Le co-working/);
    expect(seed.html).toContain('<img src="http://nomatime.com/');
    expect(seed.html).not.toContain('## [');
  });
});

describe('demo money', () => {
  it('has a year of money: the Region grant at 50 %, a budget, receipts, pending approvals and reimbursements', async () => {
    expect(summary.expenses).toBeGreaterThan(5);
    expect(
      await n(`SELECT count(*)::int AS n FROM grants WHERE network_id = $1 AND rate_bp = 5000`, [network.id]),
    ).toBe(1);
    expect(await n(`SELECT count(*)::int AS n FROM budget_lines WHERE network_id = $1`, [network.id])).toBe(10);
    expect(await n(`SELECT count(*)::int AS n FROM expense_receipts WHERE network_id = $1`, [network.id])).toBe(
      summary.expenses,
    );
    expect(
      await n(`SELECT count(*)::int AS n FROM expenses WHERE network_id = $1 AND status = 'submitted'`, [network.id]),
    ).toBeGreaterThan(0);
    expect(
      await n(
        `SELECT count(*)::int AS n FROM expenses WHERE network_id = $1 AND paid_by = 'organiser' AND status IN ('approved', 'paid')`,
        [network.id],
      ),
    ).toBeGreaterThan(0);
    const bytes = await n(
      `SELECT min(byte_size)::int AS n FROM uploads u JOIN expense_receipts r ON r.upload_id = u.id WHERE r.network_id = $1`,
      [network.id],
    );
    expect(bytes).toBeGreaterThan(500); // real PDFs, generated
  });
});

describe('demo content in three languages', () => {
  it('writes every venue, room, event and partnership in its language and translates it into the two others', async () => {
    // A row "in three languages": its own language plus translations for both others.
    const untranslated = (table: string, field: string) =>
      n(
        `SELECT count(*)::int AS n FROM ${table} WHERE network_id = $1 AND (
           SELECT count(*) FROM unnest(ARRAY['fr','nl','en']) l
            WHERE l <> language AND coalesce(translations->l->>'${field}', '') = '') > 0`,
        [network.id],
      );
    expect(await untranslated('venues', 'description')).toBe(0);
    expect(await untranslated('rooms', 'name')).toBe(0);
    expect(await untranslated('events', 'title')).toBe(0);
    expect(await untranslated('partnerships', 'venueProvides')).toBe(0);
    const languages = await database.pool.query(
      `SELECT DISTINCT language FROM venues WHERE network_id = $1 ORDER BY language`,
      [network.id],
    );
    expect(languages.rows.map((r) => r.language)).toEqual(['en', 'nl']);
    const itDay = await one<{ translations: Record<string, { title: string }> }>(
      `SELECT translations FROM events WHERE network_id = $1 AND title = 'IT day Charleroi' LIMIT 1`,
      [network.id],
    );
    expect(itDay.translations.nl!.title).toBe('IT-dag Charleroi');
  });
});
