/**
 * Small pure helpers shared by the iCalendar feeds, the event page's "add to calendar" links and
 * the news feeds: where an event takes place as one line, and the links of calendar services.
 */

export interface PlaceParts {
  venue: { name: string; address: string; city: string } | null;
  room: { name: string } | null;
  onlineUrl: string | null;
}

/** "Switch, Event room, Rue de la Station 1, Charleroi"; the online link when there is no venue. */
export function placeText(p: PlaceParts): string {
  if (p.venue) return [p.venue.name, p.room?.name, p.venue.address, p.venue.city].filter(Boolean).join(', ');
  return p.onlineUrl ?? '';
}

/** 20270107T173000Z: the UTC form both Google Calendar and iCalendar understand. */
export function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface LinkEvent {
  title: string;
  startsAt: Date;
  endsAt: Date;
  details: string;
  location: string;
}

export function googleCalendarUrl(e: LinkEvent): string {
  const q = new URLSearchParams({
    action: 'TEMPLATE',
    text: e.title,
    dates: `${utcStamp(e.startsAt)}/${utcStamp(e.endsAt)}`,
    details: e.details,
    location: e.location,
  });
  return `https://calendar.google.com/calendar/render?${q.toString()}`;
}

export function outlookCalendarUrl(e: LinkEvent): string {
  const q = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: e.title,
    startdt: e.startsAt.toISOString(),
    enddt: e.endsAt.toISOString(),
    location: e.location,
    body: e.details,
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${q.toString()}`;
}
