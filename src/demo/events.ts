// The demo's events: the IT day series with its past and its full next date, the talks, and the
// "come home" invitations, each filled with registrations (some checked in).
import { eq } from 'drizzle-orm';
import { findUserByEmail } from '../accounts/service.js';
import { users } from '../accounts/tables.js';
import type { Db } from '../db/connection.js';
import { createEvent, fromWallClock, wallClock } from '../events/service.js';
import { sendInvitations } from '../invitations/service.js';
import { invitations } from '../invitations/tables.js';
import type { Network } from '../networks/service.js';
import { checkIn, registerForEvent } from '../registrations/service.js';
import { demoEvents, demoOrganizers } from './data.js';

const TZ = 'Europe/Brussels';

/** 18:30 local, `days` from today. */
function eveningIn(days: number, now: Date): { startsAt: Date; endsAt: Date } {
  const d = wallClock(new Date(now.getTime() + days * 86_400_000), TZ);
  const startsAt = fromWallClock({ year: d.year, month: d.month, day: d.day, hour: 18, minute: 30 }, TZ);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000) };
}

/** The first Thursday of last month at 18:30: the IT day series has a past and a future. */
function firstThursdayLastMonth(now: Date): Date {
  const w = wallClock(now, TZ);
  const month = w.month === 1 ? 12 : w.month - 1;
  const year = w.month === 1 ? w.year - 1 : w.year;
  const weekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const day = 1 + ((4 - weekday + 7) % 7);
  return fromWallClock({ year, month, day, hour: 18, minute: 30 }, TZ);
}

export async function loadDemoEvents(
  db: Db,
  network: Network,
  gen: Generator<{ name: string; email: string }>,
  now = new Date(),
) {
  let count = 0;
  let regs = 0;
  const fill = async (eventId: string, n: number, attended = 0) => {
    for (let i = 0; i < n; i++) {
      const person = gen.next().value as { name: string; email: string };
      // One person in five agreed to share their name and e-mail with the host venue.
      const { registration } = await registerForEvent(
        db,
        network,
        eventId,
        { ...person, answers: {}, shareWithVenue: i % 5 === 2 },
        { byOrganizer: true, notify: false },
      );
      if (i < attended) await checkIn(db, network, eventId, registration.checkInCode, now);
      regs++;
    }
  };
  const it = demoEvents.itDay;
  const start = firstThursdayLastMonth(now);
  const series = await createEvent(
    db,
    network,
    it.chapter,
    {
      title: it.title,
      description: it.description,
      language: it.language,
      translations: it.translations,
      kind: it.kind,
      startsAt: start,
      endsAt: new Date(start.getTime() + 4 * 3_600_000),
      timeZone: TZ,
      venue: it.venue,
      room: it.room,
      capacity: it.capacity,
      waitlist: true,
      guestRegistration: true,
      questions: [
        {
          id: 'profile',
          label: 'Profile',
          type: 'choice',
          required: false,
          choices: ['tech', 'generalist', 'other'],
          translations: {
            fr: { label: 'Profil', choices: ['tech', 'généraliste', 'autre'] },
            nl: { label: 'Profiel', choices: ['tech', 'generalist', 'andere'] },
          },
        },
      ],
      speakers: [],
      status: 'published',
      recurrence: { rrule: it.rrule, exdates: [] },
    },
    now,
  );
  count += series.occurrences;
  // The past IT day was attended; the next one is full, with a waitlist.
  await fill(series.event.id, 42, 35);
  const [next] = await db.query.events.findMany({
    where: (e, { and, eq, gt }) => and(eq(e.seriesId, series.event.seriesId!), gt(e.startsAt, now)),
    orderBy: (e, { asc }) => asc(e.startsAt),
    limit: 1,
  });
  if (next) await fill(next.id, 56);
  for (const e of [...demoEvents.talks, ...demoEvents.past]) {
    const { startsAt, endsAt } = eveningIn(e.inDays, now);
    const created = await createEvent(
      db,
      network,
      e.chapter,
      {
        title: e.title,
        description: '',
        language: e.language,
        translations: e.translations,
        kind: e.kind,
        startsAt,
        endsAt,
        timeZone: TZ,
        venue: e.venue,
        room: e.room,
        capacity: e.capacity,
        waitlist: true,
        guestRegistration: true,
        questions: [],
        speakers: 'speakers' in e ? e.speakers : [],
        status: 'published',
      },
      now,
    );
    count++;
    if ('registrations' in e) await fill(created.event.id, e.registrations, e.attended);
    else await fill(created.event.id, Math.floor(e.capacity / 3));
  }
  return { events: count, registrations: regs, nextItDay: next?.id };
}

/**
 * The "come home" campaign of PRODUCT.md: Charleroi's organiser invites the members from Hainaut
 * who live elsewhere to the next IT day, and a few of them answer, so "who came back" has figures.
 */
export async function inviteHome(
  db: Db,
  network: Network,
  eventId: string,
  baseUrl: string | undefined,
): Promise<number> {
  const organizer = await findUserByEmail(db, network.id, demoOrganizers.find((o) => o.chapter === 'Charleroi')!.email);
  const { campaignId, invited } = await sendInvitations(
    db,
    network,
    organizer!,
    eventId,
    {
      segment: { comeHome: true },
      message:
        'Le prochain IT day à Charleroi : venez retrouver la communauté de votre région, même si vous travaillez à Bruxelles.',
    },
    { baseUrl },
  );
  const answered = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.campaignId, campaignId))
    .orderBy(users.email)
    .limit(12);
  for (const { id, ...person } of answered)
    await registerForEvent(db, network, eventId, { ...person, answers: {} }, { notify: false, userId: id });
  return invited;
}
