import { and, count, eq, like } from 'drizzle-orm';
import { createUser, findUserByEmail } from '../accounts/service.js';
import { users } from '../accounts/tables.js';
import { addOrganizer, createChapter, registerInterest } from '../chapters/service.js';
import { chapters } from '../chapters/tables.js';
import type { S3Settings } from '../config.js';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { createPartnership } from '../partnerships/service.js';
import { addManager, createVenue } from '../venues/service.js';
import { venues } from '../venues/tables.js';
import { AppError } from '../web/errors.js';
import { slugify } from '../web/slug.js';
import { calls } from '../calls/tables.js';
import { loadDemoCalls } from './calls.js';
import { inviteHome, loadDemoEvents } from './events.js';
import { loadDemoMembers } from './members.js';
import { loadDemoNews } from './news.js';
import { articles } from '../news/tables.js';
import { clearDemoMoney, loadDemoMoney } from './money.js';
import {
  demoAdmin,
  demoChapters,
  demoManagers,
  demoOrganizers,
  demoPartnership,
  demoVenues,
  firstNames,
  lastNames,
} from './data.js';
import { msg } from '../web/i18n.js';

export async function isNetworkEmpty(db: Db, network: Network): Promise<boolean> {
  const [c] = await db.select({ n: count() }).from(chapters).where(eq(chapters.networkId, network.id));
  const [v] = await db.select({ n: count() }).from(venues).where(eq(venues.networkId, network.id));
  return c!.n === 0 && v!.n === 0;
}

/** A deterministic generator: the demo is the same on every machine. */
function* people(seed: number): Generator<{ name: string; email: string }> {
  let x = seed;
  const next = () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648);
  for (let i = 0; ; i++) {
    const first = firstNames[next() % firstNames.length]!;
    const last = lastNames[next() % lastNames.length]!;
    yield { name: `${first} ${last}`, email: `${slugify(first)}.${slugify(last)}.${i}@example.org` };
  }
}

export interface DemoSummary {
  chapters: number;
  venues: number;
  invitations: number;
  members: number;
  interest: number;
  events: number;
  registrations: number;
  news?: { articles: number; repairs: number; queued: number };
  /** Calls for projects and talks, and their submissions. */
  calls: number;
  submissions: number;
  expenses: number;
  admin?: { email: string; password: string };
}

/**
 * Fills a network with the situation of PRODUCT.md. Refuses a network that already has chapters
 * or venues unless `force`, which first removes them (and everything hanging off them).
 */
export async function loadDemo(
  db: Db,
  network: Network,
  opts: { force?: boolean; baseUrl?: string; dataDir?: string; s3?: S3Settings } = {},
): Promise<DemoSummary> {
  if (!(await isNetworkEmpty(db, network))) {
    if (!opts.force) throw new AppError('conflict', msg('demo.problem.notEmpty', { name: network.name }));
    // Network-owned calls (and all that hangs off them) go too; chapter calls go with their chapter.
    await db.delete(calls).where(eq(calls.networkId, network.id));
    await clearDemoMoney(db, network);
    await db.delete(chapters).where(eq(chapters.networkId, network.id));
    await db.delete(venues).where(eq(venues.networkId, network.id));
    await db.delete(articles).where(and(eq(articles.networkId, network.id), like(articles.sourceKey, 'demo:%')));
  }
  let interest = 0;
  let admin: DemoSummary['admin'];
  for (const v of demoVenues) await createVenue(db, network, v);
  for (const c of demoChapters) {
    const { host, ...values } = c;
    await createChapter(db, network, values);
    if (host)
      await createPartnership(db, network, slugify(c.name), {
        venue: slugify(host),
        ...demoPartnership,
        since: '2013-09-18',
        status: 'active',
      });
  }
  const gen = people(42);
  for (const [slug, n] of [
    ['namur', 23],
    ['mons', 17],
  ] as const) {
    for (let i = 0; i < n; i++) {
      await registerInterest(db, network, slug, gen.next().value as { name: string; email: string });
      interest++;
    }
  }
  for (const o of demoOrganizers) {
    if (!(await findUserByEmail(db, network.id, o.email)))
      await createUser(db, network.id, { email: o.email, name: o.name, role: 'member' });
    await addOrganizer(db, network, slugify(o.chapter), o.email);
  }
  for (const m of demoManagers) {
    if (!(await findUserByEmail(db, network.id, m.email)))
      await createUser(db, network.id, { email: m.email, name: m.name, role: 'member' });
    await addManager(db, network, slugify(m.venue), m.email);
  }
  const chapterIds = new Map(
    (
      await db.select({ id: chapters.id, slug: chapters.slug }).from(chapters).where(eq(chapters.networkId, network.id))
    ).map((c) => [c.slug, c.id]),
  );
  const members = await loadDemoMembers(db, network, chapterIds);
  const { events, registrations, nextItDay } = await loadDemoEvents(db, network, gen);
  const invitations = nextItDay ? await inviteHome(db, network, nextItDay, opts.baseUrl) : 0;
  const news = await loadDemoNews(db, network);
  const expenses = await loadDemoMoney(db, network, { dataDir: opts.dataDir, s3: opts.s3 });
  // So that a fresh `npm start` can be explored as an admin; only when no admin exists yet.
  const [admins] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.networkId, network.id), eq(users.role, 'admin')));
  if (admins!.n === 0) {
    await createUser(db, network.id, { ...demoAdmin, role: 'admin' });
    admin = { email: demoAdmin.email, password: demoAdmin.password };
  }
  // The calls are run by an admin (the demo's, or the one the environment made).
  const [callManager] = await db
    .select()
    .from(users)
    .where(and(eq(users.networkId, network.id), eq(users.role, 'admin')))
    .limit(1);
  const demoCalls = await loadDemoCalls(db, network, {
    admin: callManager!,
    nextItDay,
    baseUrl: opts.baseUrl ?? 'http://127.0.0.1:3000',
  });
  return {
    chapters: demoChapters.length,
    venues: demoVenues.length,
    members,
    interest,
    events,
    registrations,
    invitations,
    news,
    calls: demoCalls.calls,
    submissions: demoCalls.submissions,
    expenses,
    admin,
  };
}
