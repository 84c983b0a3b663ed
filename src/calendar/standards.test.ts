import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { renderCalendar } from './ics.js';
import type { EventRow } from './queries.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  await t.api('POST', '/api/v1/chapters', { token: admin, body: { name: 'Liège', city: 'Liège', status: 'active' } });
});
afterAll(() => t.close());

const create = async (body: Record<string, unknown>) => {
  const res = await t.api('POST', '/api/v1/chapters/liege/events', {
    token: admin,
    body: { onlineUrl: 'https://meet.example.org/x', capacity: 10, ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
};
const vevent = (text: string) => new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;

describe('times that happen twice, written so that clients read the first', () => {
  it.each([
    ['Europe/Brussels', '2027-10-31T00:30:00Z', '2027-10-31T01:30:00Z'],
    ['America/New_York', '2027-11-07T05:30:00Z', '2027-11-07T06:30:00Z'],
  ])('%s: the first of two identical wall-clock times, and an hour long', async (timeZone, startsAt, endsAt) => {
    const { id } = await create({ title: 'Night owls', startsAt, endsAt, timeZone });
    const body = (await t.app.inject(`/events/${id}.ics`)).body;
    const v = vevent(body);
    const start = (v.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate();
    const end = (v.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate();
    expect(start.toISOString()).toBe(new Date(startsAt).toISOString());
    expect(end.getTime() - start.getTime()).toBe(3_600_000);
  });

  it('keeps TZID for ordinary times', async () => {
    const { id } = await create({ title: 'Evening', startsAt: '2027-10-30T16:30:00Z', endsAt: '2027-10-30T18:30:00Z' });
    const v = vevent((await t.app.inject(`/events/${id}.ics`)).body);
    expect(v.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Brussels');
  });
});

describe('iCalendar text', () => {
  it('ends every line with CRLF, the last one too', async () => {
    const { id } = await create({ title: 'Lines', startsAt: '2027-05-05T16:30:00Z', endsAt: '2027-05-05T18:30:00Z' });
    const body = (await t.app.inject(`/events/${id}.ics`)).body;
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(body.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('escapes TEXT in calendar-level NAME / X-WR-CALNAME: a line break cannot add a VEVENT', () => {
    // A title stored before line breaks were refused at the schema.
    const title = 'Meetup\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Injected\r\nEND:VEVENT';
    const event = {
      id: '11111111-1111-4111-8111-111111111111',
      title,
      description: 'a; b, c\\d',
      status: 'published',
      cancelReason: null,
      onlineUrl: 'https://meet.example.org/x',
      timeZone: 'Europe/Brussels',
      startsAt: new Date('2027-05-05T16:30:00Z'),
      endsAt: new Date('2027-05-05T18:30:00Z'),
      createdAt: new Date('2027-01-01T00:00:00Z'),
      updatedAt: new Date('2027-01-01T00:00:00Z'),
      sequence: 0,
    } as unknown as EventRow;
    const text = renderCalendar({ baseUrl: 'https://essaim.example.org', networkName: 'Net', calendarName: title }, [
      { event, place: { venue: null, room: null, onlineUrl: event.onlineUrl } },
    ]);
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getAllSubcomponents('vevent')).toHaveLength(1);
    // ical.js types NAME as unknown and so gives its escaped text back as is.
    const escaped = 'Meetup\\nEND:VCALENDAR\\nBEGIN:VEVENT\\nSUMMARY:Injected\\nEND:VEVENT';
    expect(cal.getFirstPropertyValue('name')).toBe(escaped);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe(escaped);
    expect(text.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(1);
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('description')).toContain('a; b, c\\d');
  });

  it('encodes parameter values per RFC 6868 (a name with quotes, a comma and a caret)', () => {
    const event = {
      id: '22222222-2222-4222-8222-222222222222',
      title: 'Invite',
      description: '',
      status: 'published',
      cancelReason: null,
      onlineUrl: 'https://meet.example.org/x',
      timeZone: 'Europe/Brussels',
      startsAt: new Date('2027-05-05T16:30:00Z'),
      endsAt: new Date('2027-05-05T18:30:00Z'),
      createdAt: new Date('2027-01-01T00:00:00Z'),
      updatedAt: new Date('2027-01-01T00:00:00Z'),
      sequence: 0,
    } as unknown as EventRow;
    const name = `Jürgen "JJ" O'Brien, Jr. ^_^`;
    const stamp = new Date('2027-04-01T10:11:12Z');
    const text = renderCalendar(
      {
        baseUrl: 'http://127.0.0.1:3000',
        networkName: 'Net "quoted"',
        calendarName: 'Invite',
        method: 'REQUEST',
        stamp,
        mailFrom: 'Net <events@example.org>',
      },
      [
        {
          event,
          place: { venue: null, room: null, onlineUrl: event.onlineUrl },
          attendee: { name, email: 'jj@example.org' },
        },
      ],
    );
    const v = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
    expect(v.getFirstProperty('attendee')!.getParameter('cn')).toBe(name);
    expect(v.getFirstProperty('organizer')!.getParameter('cn')).toBe('Net "quoted"');
    // An IP in BASE_URL is no mail domain: the organiser is MAIL_FROM's mailbox.
    expect(String(v.getFirstPropertyValue('organizer'))).toBe('mailto:events@example.org');
    // DTSTAMP is when the message is made, not the event's last change.
    expect((v.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString()).toBe(stamp.toISOString());
  });
});

describe('single-line fields refuse control characters', () => {
  it('refuses a title or a venue city with a line break, keeps line breaks in a description', async () => {
    const bad = await t.api('POST', '/api/v1/chapters/liege/events', {
      token: admin,
      body: {
        title: 'Meetup\r\nBEGIN:VEVENT',
        startsAt: '2027-05-05T16:30:00Z',
        endsAt: '2027-05-05T18:30:00Z',
        onlineUrl: 'https://meet.example.org/x',
        capacity: 5,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({
      field: 'title',
      message: 'must be one line without control characters',
    });
    const city = await t.api('POST', '/api/v1/venues', {
      token: admin,
      body: { name: 'Place', city: 'Liège\u0007', rooms: [{ name: 'Room', capacity: 5 }] },
    });
    expect(city.statusCode).toBe(400);
    const member = await t.user('member');
    const name = await t.api('PATCH', '/api/v1/me/profile', { token: member.token, body: { name: 'Eve\nEvil' } });
    expect(name.statusCode).toBe(400);
    const good = await create({
      title: 'Multi-line',
      description: 'First line\nSecond line\n\tindented',
      startsAt: '2027-05-05T16:30:00Z',
      endsAt: '2027-05-05T18:30:00Z',
    });
    const shown = await t.api('GET', `/api/v1/events/${good.id}`);
    expect(shown.json().description).toBe('First line\nSecond line\n\tindented');
  });

  it('refuses a guest name with a line break', async () => {
    const { id } = await create({ title: 'Names', startsAt: '2027-05-05T16:30:00Z', endsAt: '2027-05-05T18:30:00Z' });
    const res = await t.api('POST', `/api/v1/events/${id}/registrations`, {
      body: { name: 'Mallory\r\nATTENDEE:mailto:x@evil.example', email: 'mallory@example.org' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('name');
  });
});

describe('the organiser of feeds is the sender of the e-mails', () => {
  it('names MAIL_FROM in the event, chapter and network feeds, as the invitations do', async () => {
    const other = await startTestApp({ mailFrom: 'Réseau Essaim <agenda@essaim.example>' });
    try {
      const token = (await other.user('admin')).token;
      await other.api('POST', '/api/v1/chapters', { token, body: { name: 'Namur', city: 'Namur', status: 'active' } });
      const res = await other.api('POST', '/api/v1/chapters/namur/events', {
        token,
        body: {
          title: 'Apéro',
          startsAt: '2027-06-01T17:00:00Z',
          endsAt: '2027-06-01T19:00:00Z',
          onlineUrl: 'https://meet.example.org/x',
          capacity: 10,
          status: 'published',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const { id } = res.json() as { id: string };
      // An IP in BASE_URL (tests) used to give noreply@localhost in feeds while the invitations
      // said MAIL_FROM (src/mail/itip.test.ts): one organiser, whichever way the event arrives.
      for (const url of [`/events/${id}.ics`, '/chapters/namur/calendar.ics', '/calendar.ics']) {
        const body = (await other.app.inject(url)).body;
        const cal = new ICAL.Component(ICAL.parse(body));
        const organisers = cal.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('organizer')));
        expect(organisers.length, url).toBeGreaterThan(0);
        expect(new Set(organisers), url).toEqual(new Set(['mailto:agenda@essaim.example']));
      }
    } finally {
      await other.close();
    }
  });
});
