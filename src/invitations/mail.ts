import { formatRange } from '../events/format.js';
import type { EventRow } from '../events/service.js';
import { composeMail } from '../mail/service.js';
import { localized, localizedText, type Multilingual } from '../web/content.js';
import { localeOr, translator, type Locale } from '../web/i18n.js';
import { optOutToken, optOutUrl } from './opt-out.js';
import { reasonsFor, type Recipient, type Segment } from './segments.js';
import { eventPath } from '../web/event-path.js';

export interface CampaignContext {
  networkId: string;
  networkName: string;
  baseUrl: string;
  secret: string;
  campaignId: string;
  event: Pick<EventRow, 'id' | 'title' | 'startsAt' | 'endsAt' | 'timeZone' | 'language' | 'translations'>;
  chapter: Multilingual & { name: string };
  /** Where, as one line in a language ("Switch, Rue …, Charleroi · https://meet…"); empty when unknown. */
  where: (locale: Locale) => string;
  organiserName: string;
  /** The organiser's words, in the language written first and any others. */
  message: Multilingual & { message: string };
  segment: Segment;
  followed: { name: string }[];
}

/**
 * One personal e-mail per person, written now in their profile's language: the worker sends it
 * as is. It says why they get it and carries a one-click opt-out (RFC 2369 / RFC 8058).
 */
export function invitationMails(
  c: CampaignContext,
  recipients: (Recipient & { userId: string; email: string; locale: string })[],
) {
  const eventUrl = c.baseUrl + eventPath(c.event);
  // What is the same for everyone of a language is written once per language.
  const common = new Map<Locale, { subject: string; before: string[]; after: string[]; footer: string }>();
  const commonFor = (locale: Locale) => {
    let v = common.get(locale);
    if (!v) {
      const t = translator(locale);
      // The event, the chapter and the organiser's words in the member's language when written, else the original.
      const title = localizedText(c.event, 'title', locale);
      const chapter = localizedText(c.chapter, 'name', locale);
      const words = localized(c.message, 'message', locale);
      const message = words.text.trim();
      v = {
        subject: t('invitations.mail.subject', { title, chapter }),
        before: [
          t('invitations.mail.intro', { chapter, title }),
          t('mail.when', { when: formatRange(c.event.startsAt, c.event.endsAt, c.event.timeZone, locale) }),
          ...(c.where(locale) ? [t('mail.where', { where: c.where(locale) })] : []),
        ],
        after: [
          // The organiser's words are plain text: paragraphs kept, HTML escaped by composeMail.
          ...(message
            ? [
                t('invitations.mail.fromOrganiser', { name: c.organiserName || chapter }),
                ...(words.fallback ? [t('content.originalIn', { language: words.lang })] : []),
                ...message.split(/\n\s*\n/).map((p) => p.trim()),
              ]
            : []),
          t('invitations.mail.register', { url: eventUrl }),
        ],
        footer: t('mail.footer', { network: c.networkName, url: c.baseUrl }),
      };
      common.set(locale, v);
    }
    return v;
  };
  return recipients.map((r) => {
    const locale = localeOr(r.locale);
    const t = translator(locale);
    const v = commonFor(locale);
    const unsubscribe = optOutUrl(c.baseUrl, optOutToken(c.secret, r.userId));
    const paragraphs = [
      t('mail.hello', { name: r.name }),
      ...v.before,
      reasonsFor(r, c.segment, c.followed, locale),
      ...v.after,
      t('invitations.mail.optOut', { url: unsubscribe }),
    ];
    const mail = composeMail(locale, v.subject, paragraphs, eventUrl, v.footer);
    return {
      networkId: c.networkId,
      kind: 'invitation',
      toEmail: r.email,
      toName: r.name,
      locale,
      ...mail,
      headers: {
        ...mail.headers,
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      payload: { campaignId: c.campaignId, eventId: c.event.id, userId: r.userId },
    };
  });
}
