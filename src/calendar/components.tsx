import type { EventView } from '../events/schemas.js';
import { markdownToText } from '../events/service.js';
import type { PageContext } from '../web/page.js';
import { googleCalendarUrl, outlookCalendarUrl, placeText } from './format.js';
import { eventPath } from '../web/event-path.js';

// Pieces of calendar pages that other features' pages embed.

/** Calendar services put the details in a URL: a long description is cut, the page link always kept. */
const MAX_DETAILS = 800;

/** "Add to my calendar": the event's .ics file, Google Calendar and Outlook. */
export function AddToCalendar({ ctx, view, baseUrl }: { ctx: PageContext; view: EventView; baseUrl: string }) {
  const { t } = ctx;
  const pageUrl = baseUrl + eventPath(view);
  // Calendar services show the details as plain text: the Markdown is rendered to text first.
  const plain = markdownToText(view.description);
  const text = plain.length > MAX_DETAILS ? `${plain.slice(0, MAX_DETAILS)}…` : plain;
  const link = {
    title: view.title,
    startsAt: new Date(view.startsAt),
    endsAt: new Date(view.endsAt),
    details: [text, pageUrl].filter(Boolean).join('\n\n'),
    location: placeText(view, ctx.locale),
  };
  return (
    <p class="add-to-calendar">
      {t('calendar.add')}{' '}
      <a
        href={`${eventPath(view)}.ics`}
        download={`${eventPath(view).slice('/events/'.length)}.ics`}
        type="text/calendar"
      >
        {t('calendar.download')}
      </a>
      {' · '}
      <a href={googleCalendarUrl(link)} rel="noopener nofollow">
        {t('calendar.google')}
      </a>
      {' · '}
      <a href={outlookCalendarUrl(link)} rel="noopener nofollow">
        {t('calendar.outlook')}
      </a>
    </p>
  );
}
