import type { Db } from '../db/connection.js';
import { formatRange } from '../events/format.js';
import { localeOr, translator, type Locale } from '../web/i18n.js';
import { placeAndLink } from '../calendar/format.js';
import { placeOf } from '../calendar/service.js';
import { eventPlaces } from '../events/service.js';
import { renderCalendar } from '../calendar/service.js';
import { instanceSecret } from '../networks/service.js';
import { composeMail, type Rendered } from './compose.js';
import { renderOrganizerNotice } from './notice-render.js';
import * as q from './queries.js';
import type { outboundMessages } from './tables.js';
import { eventPath } from '../web/event-path.js';
import { localized, localizedText, type Translations } from '../web/content.js';

type Message = typeof outboundMessages.$inferSelect;
/** Writes a queued message in its recipient's language from the current state of what it is about. */
export const kinds: Record<
  string,
  'confirmed' | 'waitlisted' | 'promoted' | 'reminder' | 'changed' | 'cancelled' | 'left' | 'link'
> = {
  'registration.confirmed': 'confirmed',
  'registration.cancelled': 'left',
  'registration.link': 'link',
  'registration.waitlisted': 'waitlisted',
  'registration.promoted': 'promoted',
  'registration.reminder': 'reminder',
  'event.changed': 'changed',
  'event.cancelled': 'cancelled',
};

/** Null when the message no longer makes sense (a reminder for someone who cancelled). */
export async function renderMessage(
  db: Db,
  message: Message,
  baseUrl: string,
  mailFrom?: string,
  now = new Date(),
): Promise<Rendered | null> {
  const locale = localeOr(message.locale);
  const t = translator(locale);
  if (message.kind === 'webhook.disabled') return renderWebhookDisabled(db, message, locale, baseUrl);
  if (message.kind === 'organizer.registrations' || message.kind === 'organizer.digest')
    return renderOrganizerNotice(db, message, baseUrl, await instanceSecret(db, 'unsubscribe-secret'));
  const row = await q.selectRegistrationMail(db, String(message.payload.registrationId));
  if (!row) throw new Error(`message ${message.id}: its registration no longer exists`);
  const { registration, event, network } = row;
  const place = placeOf(event, await eventPlaces(db, [event]));
  const where = placeAndLink(place, locale);
  const ticketUrl = `${baseUrl}/r/${registration.secret}`;
  const vars = {
    // The organisers' title in the recipient's language when they wrote it, else as written.
    title: localizedText(event, 'title', locale),
    name: registration.name,
    position: Number(message.payload.position ?? 0),
    reason: event.cancelReason ?? '',
  };
  const kind = kinds[message.kind];
  if (!kind) throw new Error(`message ${message.id}: unknown kind ${message.kind}`);
  // A reminder for someone who cancelled, or news of an event they left, is not sent.
  if (kind === 'reminder' && (registration.status !== 'confirmed' || event.status === 'cancelled')) return null;
  if (kind === 'changed' && registration.status === 'cancelled') return null;
  if (kind === 'link' && registration.status === 'cancelled') return null;
  const eventUrl = baseUrl + eventPath(event);
  const body =
    kind === 'left' && message.payload.by === 'organizer'
      ? t('mail.left.byOrganizer', vars)
      : t(`mail.${kind}.body`, vars);
  const paragraphs = [
    t('mail.hello', { name: registration.name }),
    body,
    t('mail.when', { when: formatRange(event.startsAt, event.endsAt, event.timeZone, locale) }),
    ...(where ? [t('mail.where', { where })] : []),
    ...(kind === 'cancelled' || kind === 'left'
      ? []
      : [
          kind === 'waitlisted' || (kind === 'link' && registration.status === 'waitlisted')
            ? t('mail.manage', { url: ticketUrl })
            : t('mail.ticket', { url: ticketUrl }),
        ]),
    ...(kind === 'confirmed' || kind === 'promoted' || kind === 'reminder' ? [t('mail.cantCome')] : []),
  ];
  const mail = composeMail(
    locale,
    t(`mail.${kind}.subject`, vars),
    paragraphs,
    kind === 'left' ? eventUrl : ticketUrl,
    t('mail.footer', { network: network.name, url: baseUrl }),
  );
  // An invitation for calendars with a seat (same UID and a higher SEQUENCE when it changes), a
  // cancellation for those who had one; none for the waitlist.
  const method =
    kind === 'cancelled' || (kind === 'left' && Number(message.payload.hadSeat) === 1)
      ? 'CANCEL'
      : kind === 'confirmed' || kind === 'promoted' || (kind === 'changed' && registration.status === 'confirmed')
        ? 'REQUEST'
        : undefined;
  if (!method) return mail;
  // DTSTAMP is when this iTIP message is written, not when the event last changed (RFC 5546 §2.1.5).
  const ics = renderCalendar(
    {
      baseUrl,
      networkName: network.name,
      calendarName: localizedText(event, 'title', locale),
      method,
      stamp: now,
      mailFrom,
    },
    [
      {
        event: inLanguageOf(event, locale),
        place,
        attendee: { name: registration.name, email: registration.email },
        uninvite: kind === 'left',
      },
    ],
  );
  return {
    ...mail,
    attachments: [
      {
        filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
        contentType: `text/calendar; charset=utf-8; method=${method}`,
        content: ics,
      },
    ],
  };
}

/**
 * The event as the recipient's calendar should show it: title and description in their language
 * when the organisers wrote them in it (the VEVENT's LANGUAGE follows), else as written.
 */
function inLanguageOf<E extends { title: string; description: string; language: string; translations: Translations }>(
  event: E,
  locale: Locale,
): E {
  const title = localized(event, 'title', locale);
  if (title.lang === event.language) return event;
  const about = localized(event, 'description', locale);
  return {
    ...event,
    title: title.text,
    description: about.lang === title.lang ? about.text : '',
    language: title.lang,
  };
}

/** To an admin: a webhook endpoint kept failing and was disabled. Its facts are in the payload. */
async function renderWebhookDisabled(db: Db, message: Message, locale: Locale, baseUrl: string): Promise<Rendered> {
  const t = translator(locale);
  const network = { name: (await q.selectNetworkName(db, message.networkId)) ?? '' };
  const page = `${baseUrl}/admin/webhooks`;
  const vars = {
    url: String(message.payload.url ?? ''),
    failures: Number(message.payload.failures ?? 0),
    error: String(message.payload.lastError ?? ''),
  };
  const paragraphs = [
    t('mail.hello', { name: message.toName || message.toEmail }),
    t('mail.webhookDisabled.body', vars),
    t('mail.webhookDisabled.action', { page }),
  ];
  return composeMail(
    locale,
    t('mail.webhookDisabled.subject', vars),
    paragraphs,
    page,
    t('mail.footer', { network: network?.name ?? '', url: baseUrl }),
  );
}
