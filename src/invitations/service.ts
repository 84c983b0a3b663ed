import { recordAudit } from '../audit/service.js';
import { placeAndLink } from '../calendar/format.js';
import { placeOf } from '../calendar/service.js';
import type { Db, Tx } from '../db/connection.js';
import { authorizeEvent } from '../events/policy.js';
import { eventPlaces, findEvent, type EventRow } from '../events/service.js';
import { dropUnsentMail, queueWrittenMails } from '../mail/outbox.js';
import { instanceSecret, type Network } from '../networks/service.js';
import { randomBytes } from 'node:crypto';
import { AppError, notFound } from '../web/errors.js';
import { localeOr, msg, type Locale } from '../web/i18n.js';
import { cleanTranslations, type Translations } from '../web/content.js';
import type { Actor } from '../web/policy.js';
import { invitationMails } from './mail.js';
import { readOptOutToken } from './opt-out.js';
import * as q from './queries.js';
import type { Invite, Segment } from './schemas.js';
import { describeSegment, resolveSegment, segmentMembers } from './segments.js';

export { countSegment, segmentMembers } from './segments.js';

/** Invitations go to events people can still come to: published, not cancelled, not started. */
export function checkInvitable(event: Pick<EventRow, 'status' | 'startsAt' | 'title'>, now = new Date()): void {
  if (event.status === 'cancelled')
    throw new AppError('conflict', msg('invitation.problem.cancelled', { title: event.title }));
  if (event.status !== 'published')
    throw new AppError('conflict', msg('invitation.problem.draft', { title: event.title }));
  if (event.startsAt <= now) throw new AppError('conflict', msg('invitation.problem.started', { title: event.title }));
}

/** The event, 404 if unknown, 401/403 unless the actor runs it. */
export async function eventToManage(
  db: Tx,
  network: Network,
  actor: Actor,
  eventId: string,
  action = 'invite members to this event',
): Promise<EventRow> {
  const event = await findEvent(db, network, eventId);
  await authorizeEvent(db, actor, event, action);
  return event;
}

/** The organiser's words as kept and sent: written in the event's language unless told otherwise. */
const messageOf = (input: Pick<Invite, 'message' | 'language' | 'translations'>, event: EventRow) => ({
  message: input.message?.trim() ?? '',
  language: input.language ?? event.language,
  translations: cleanTranslations(input.translations),
});

async function chapterOf(db: Tx, network: Network, chapterId: string) {
  const chapter = await q.selectChapterById(db, network.id, chapterId);
  if (!chapter) throw notFound(msg('invitation.problem.theChapter'));
  return chapter;
}

/** Where, in a member's language: the venue's and room's names as translated, else as written. */
const whereOf = async (db: Tx, event: EventRow) => {
  const place = placeOf(event, await eventPlaces(db, [event]));
  return (locale: Locale) => placeAndLink(place, locale);
};

/**
 * Sends a campaign, all in one transaction: the campaign, its invitations (INSERT … SELECT with
 * the segment's own query, ON CONFLICT DO NOTHING so concurrent sends never invite anyone twice)
 * and one written e-mail per new invitation in the outbox. The count is taken again here: what
 * the organiser saw may have changed; `invited` is what really happened.
 */
export async function sendInvitations(
  db: Db,
  network: Network,
  actor: Actor,
  eventId: string,
  input: Invite,
  opts: { baseUrl?: string; now?: Date } = {},
): Promise<{ campaignId: string; invited: number }> {
  const baseUrl = (opts.baseUrl ?? 'http://localhost:3000').replace(/\/$/, '');
  const secret = await instanceSecret(db, 'unsubscribe-secret');
  return db.transaction(async (tx) => {
    const event = await eventToManage(tx, network, actor, eventId);
    checkInvitable(event, opts.now);
    await q.lockEventInvitations(tx, event.id);
    const chapter = await chapterOf(tx, network, event.chapterId);
    const { segment, criteria, followed } = await resolveSegment(tx, network, chapter, input.segment);
    // What the organiser confirmed is what is sent: under the lock, the count cannot move any more.
    if (input.expectedCount !== undefined) {
      const count = await q.countSegment(tx, network.id, event.id, criteria);
      if (count !== input.expectedCount)
        throw new AppError('conflict', msg('invitations.countChanged', { expected: input.expectedCount, count }));
    }
    const message = messageOf(input, event);
    const campaign = await q.insertCampaign(tx, {
      networkId: network.id,
      eventId: event.id,
      chapterId: chapter.id,
      createdBy: actor!.id,
      segment,
      ...message,
      recipients: 0,
    });
    const invited = await q.insertInvitations(tx, network.id, event.id, campaign.id, criteria);
    await q.setCampaignRecipients(tx, campaign.id, invited);
    await recordAudit(tx, {
      networkId: network.id,
      actor: actor!,
      action: 'invitations.send',
      subject: event.title,
      details: { eventId: event.id, campaignId: campaign.id, invited, segment },
    });
    if (invited > 0) {
      const recipients = await q.selectRecipients(tx, campaign.id);
      const mails = invitationMails(
        {
          networkId: network.id,
          networkName: network.name,
          baseUrl,
          secret,
          campaignId: campaign.id,
          event,
          chapter,
          where: await whereOf(db, event),
          organiserName: actor!.name,
          message,
          segment,
          followed,
        },
        recipients,
      );
      await queueWrittenMails(tx, mails);
    }
    return { campaignId: campaign.id, invited };
  });
}

export interface InvitationPreview {
  count: number;
  /** The e-mail as the first member of the segment would get it, in `locale`; null when nobody matches. */
  sample: { name: string; subject: string; text: string } | null;
}

/**
 * Counts the segment and writes the invitation for its first member, as the send would (nothing
 * is stored or queued). The opt-out link is signed with a throw-away secret: it has the real
 * link's shape but opts nobody out, so a preview cannot be used against the member it shows.
 */
export async function previewInvitations(
  db: Db,
  network: Network,
  actor: Actor,
  eventId: string,
  input: Invite,
  opts: { baseUrl?: string; locale: Locale },
): Promise<InvitationPreview> {
  const event = await eventToManage(db, network, actor, eventId);
  checkInvitable(event);
  const chapter = await chapterOf(db, network, event.chapterId);
  const { segment, criteria, followed } = await resolveSegment(db, network, chapter, input.segment);
  const [count, [first]] = await Promise.all([
    q.countSegment(db, network.id, event.id, criteria),
    segmentMembers(db, network, event, segment, 1),
  ]);
  if (!first) return { count, sample: null };
  const [mail] = invitationMails(
    {
      networkId: network.id,
      networkName: network.name,
      baseUrl: (opts.baseUrl ?? 'http://localhost:3000').replace(/\/$/, ''),
      secret: randomBytes(32).toString('hex'),
      campaignId: 'preview',
      event,
      chapter,
      where: await whereOf(db, event),
      organiserName: actor!.name,
      message: messageOf(input, event),
      segment,
      followed,
    },
    [{ ...first, locale: opts.locale }],
  );
  return { count, sample: { name: first.name, subject: mail!.subject, text: mail!.textBody } };
}

export interface Figures {
  invited: number;
  registered: number;
  attended: number;
}
export interface CampaignFigures extends Figures {
  id: string;
  createdAt: Date;
  createdBy: { id: string; name: string } | null;
  segment: Segment;
  /** The segment in words, in each language. */
  summary: Record<Locale, string>;
  message: string;
  language: Locale;
  translations: Translations;
}
export interface EventFigures extends Figures {
  event: { id: string; title: string; startsAt: Date; timeZone: string };
  campaigns: CampaignFigures[];
}
export interface ChapterFigures {
  chapter: { id: string; slug: string; name: string };
  events: EventFigures[];
  totals: Figures & { campaigns: number };
}

const add = (a: Figures, b: Figures): Figures => ({
  invited: a.invited + b.invited,
  registered: a.registered + b.registered,
  attended: a.attended + b.attended,
});
const zero: Figures = { invited: 0, registered: 0, attended: 0 };

async function figures(
  db: Tx,
  network: Network,
  chapter: { region: string },
  scope: { chapterId: string } | { eventId: string },
): Promise<EventFigures[]> {
  const rows = await q.selectCampaignFigures(db, network.id, scope);
  const names = new Map((await q.selectChapterOptions(db, network.id)).map((c) => [c.slug, c.name]));
  const byEvent = new Map<string, EventFigures>();
  for (const r of rows) {
    const segment = r.campaign.segment as Segment;
    const f = { invited: Number(r.invited), registered: Number(r.registered), attended: Number(r.attended) };
    const summary = {
      en: describeSegment(segment, chapter, 'en', names),
      fr: describeSegment(segment, chapter, 'fr', names),
      nl: describeSegment(segment, chapter, 'nl', names),
    };
    const c: CampaignFigures = {
      id: r.campaign.id,
      createdAt: r.campaign.createdAt,
      createdBy: r.campaign.createdBy && r.author !== null ? { id: r.campaign.createdBy, name: r.author } : null,
      segment,
      summary,
      message: r.campaign.message,
      language: localeOr(r.campaign.language),
      translations: r.campaign.translations,
      ...f,
    };
    const e = byEvent.get(r.event.id) ?? { event: r.event, campaigns: [], ...zero };
    e.campaigns.push(c);
    Object.assign(e, add(e, f));
    byEvent.set(r.event.id, e);
  }
  return [...byEvent.values()];
}

/** One event's campaigns, with who registered and who came. */
export async function eventInvitations(db: Tx, network: Network, event: EventRow): Promise<EventFigures> {
  const chapter = await chapterOf(db, network, event.chapterId);
  const [found] = await figures(db, network, chapter, { eventId: event.id });
  return (
    found ?? {
      event: { id: event.id, title: event.title, startsAt: event.startsAt, timeZone: event.timeZone },
      campaigns: [],
      ...zero,
    }
  );
}

/** Who came back, per event of the chapter (latest first) and in total. */
export async function invitationStats(db: Tx, network: Network, chapterId: string): Promise<ChapterFigures> {
  const chapter = await chapterOf(db, network, chapterId);
  const events = await figures(db, network, chapter, { chapterId });
  const totals = {
    ...events.reduce<Figures>((s, e) => add(s, e), zero),
    campaigns: events.reduce((n, e) => n + e.campaigns.length, 0),
  };
  return { chapter: { id: chapter.id, slug: chapter.slug, name: chapter.name }, events, totals };
}

/** The member behind an opt-out link, or undefined when the link is not one of ours or not of this network. */
export async function optOutTarget(
  db: Tx,
  network: Network,
  token: string,
): Promise<{ userId: string; name: string; optedOut: boolean } | undefined> {
  const userId = readOptOutToken(await instanceSecret(db, 'unsubscribe-secret'), token);
  if (!userId) return undefined;
  const state = await q.selectOptOutState(db, network.id, userId);
  return state ? { userId, ...state } : undefined;
}

/** The one-click opt-out: the flag and the queued invitation e-mails, in one transaction. */
export function optOutOfInvitations(db: Db, network: Network, userId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const done = await q.optOut(tx, network.id, userId);
    if (done) await dropUnsentMail(tx, network.id, 'invitation', userId);
    return done;
  });
}

/** Deleting an account: its invitations keep what followed them, so "who came back" does not drop. */
export const keepInvitationOutcomes = (tx: Tx, network: Network, user: { id: string; email: string }) =>
  q.keepOutcomes(tx, network.id, user);
