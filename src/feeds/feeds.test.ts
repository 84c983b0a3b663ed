import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { inDays } from '../../test/support/factories.js';

let t: TestApp;
let admin: string;
const BASE = 'http://127.0.0.1:3000';
const NASTY = 'Tom & Jerry </script><script>alert(1)</script> "quoted" <!-- x';

const year = new Date().getUTCFullYear() + 2;

const create = async (body: Record<string, unknown>, chapter = 'liege') => {
  const res = await t.api('POST', `/api/v1/chapters/${chapter}/events`, { token: admin, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; url: string };
};

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['item', 'url', 'link'].includes(name),
});

async function rss(url: string) {
  const res = await t.app.inject({ url, headers: { 'accept-language': 'en' } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
  expect(XMLValidator.validate(res.body)).toBe(true);
  const doc = xml.parse(res.body);
  const channel = doc.rss.channel;
  return {
    res,
    doc,
    channel,
    items: (channel.item ?? []) as {
      title: string;
      link: string[];
      guid: { '#text': string; '@isPermaLink': string };
      description: string;
      pubDate: string;
    }[],
  };
}

const unescapeAttr = (s: string) =>
  s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
const meta = (html: string, key: string) => {
  const m = new RegExp(`<meta (?:property|name)="${key.replace(':', '\\:')}" content="([^"]*)"`).exec(html);
  return m ? unescapeAttr(m[1]!) : undefined;
};
function jsonLd(html: string) {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]![1]!);
}

let nasty: { id: string; url: string };
let mixed: { id: string; url: string };
let full: { id: string; url: string };
let closedFull: { id: string; url: string };
let draft: { id: string; url: string };
let cancelled: { id: string; url: string };
let past: { id: string; url: string };
let namur: { id: string; url: string };

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  expect(
    (
      await t.api('POST', '/api/v1/venues', {
        token: admin,
        body: { name: 'La Cité', city: 'Liège', address: 'Quai 5', rooms: [{ name: 'Salle A', capacity: 30 }] },
      })
    ).statusCode,
  ).toBe(201);
  for (const name of ['Liège', 'Namur'])
    expect(
      (await t.api('POST', '/api/v1/chapters', { token: admin, body: { name, city: name, status: 'active' } }))
        .statusCode,
    ).toBe(201);
  nasty = await create({
    title: NASTY,
    description: 'Hello **world** <img src=x onerror=alert(1)>',
    startsAt: inDays(3),
    endsAt: inDays(3, 19),
    venue: 'la-cite',
    room: 'Salle A',
  });
  mixed = await create({
    title: 'Winter meetup',
    startsAt: `${year}-01-14T17:30:00.000Z`,
    endsAt: `${year}-01-14T20:00:00.000Z`,
    venue: 'la-cite',
    onlineUrl: 'https://meet.example.org/winter',
    capacity: 20,
    speakers: [{ name: 'Ada', bio: '', talk: 'Engines' }],
  });
  full = await create({
    title: 'Summer online',
    startsAt: `${year}-07-14T16:30:00.000Z`,
    endsAt: `${year}-07-14T18:00:00.000Z`,
    onlineUrl: 'https://meet.example.org/summer',
    capacity: 1,
  });
  closedFull = await create({
    title: 'No waitlist',
    startsAt: inDays(5),
    endsAt: inDays(5, 19),
    onlineUrl: 'https://meet.example.org/nw',
    capacity: 1,
    waitlist: false,
  });
  for (const id of [full.id, closedFull.id])
    expect(
      (
        await t.api('POST', `/api/v1/events/${id}/registrations`, { body: { name: 'Bo', email: 'bo@example.org' } })
      ).json().status,
    ).toBe('confirmed');
  draft = await create({
    title: 'Draft one',
    status: 'draft',
    startsAt: inDays(4),
    endsAt: inDays(4, 19),
    capacity: 5,
    onlineUrl: 'https://meet.example.org/d',
  });
  cancelled = await create({
    title: 'Called off',
    startsAt: inDays(6),
    endsAt: inDays(6, 19),
    capacity: 5,
    onlineUrl: 'https://meet.example.org/c',
  });
  expect(
    (await t.api('POST', `/api/v1/events/${cancelled.id}/cancel`, { token: admin, body: { reason: 'Storm' } }))
      .statusCode,
  ).toBe(200);
  // Events are created in the future only: this one is moved into the past afterwards.
  past = await create({
    title: 'Already over',
    startsAt: inDays(3),
    endsAt: inDays(3, 19),
    capacity: 5,
    onlineUrl: 'https://meet.example.org/p',
  });
  await t.database.pool.query(
    `UPDATE events SET starts_at = starts_at - interval '6 days', ends_at = ends_at - interval '6 days' WHERE id = $1`,
    [past.id],
  );
  namur = await create(
    {
      title: 'Namur night',
      startsAt: inDays(7),
      endsAt: inDays(7, 19),
      capacity: 5,
      onlineUrl: 'https://meet.example.org/n',
    },
    'namur',
  );
});
afterAll(() => t.close());

describe('RSS feeds', () => {
  it('the network feed lists upcoming published events, escaped, with absolute links', async () => {
    const { channel, items } = await rss('/events.rss');
    expect(channel.title).toBe('Upcoming events · Test network');
    expect(channel.link).toEqual([`${BASE}/`]);
    expect(channel['atom:link']).toMatchObject({
      '@href': `${BASE}/events.rss`,
      '@rel': 'self',
      '@type': 'application/rss+xml',
    });
    expect(channel.language).toBe('en');
    const titles = items.map((i) => i.title);
    expect(titles).toEqual(
      expect.arrayContaining([NASTY, 'Winter meetup', 'Summer online', 'No waitlist', 'Namur night']),
    );
    for (const hidden of ['Draft one', 'Called off', 'Already over']) expect(titles).not.toContain(hidden);
    const item = items.find((i) => i.title === NASTY)!;
    expect(item.link).toEqual([`${BASE}${nasty.url}`]);
    expect(item.guid).toEqual({ '#text': `${BASE}${nasty.url}`, '@isPermaLink': 'true' });
    expect(new Date(item.pubDate).toString()).not.toBe('Invalid Date');
    // The description is HTML carried as text: sanitised Markdown, the place in plain words.
    expect(item.description).toContain('<strong>world</strong>');
    expect(item.description).toContain('La Cité, Salle A, Quai 5, Liège');
    expect(item.description).not.toContain('onerror');
  });

  it('a chapter feed has only that chapter; an unknown chapter is 404', async () => {
    const { channel, items } = await rss('/chapters/namur/events.rss');
    expect(channel.title).toBe('Namur: upcoming events · Test network');
    expect(items.map((i) => i.title)).toEqual(['Namur night']);
    expect(items[0]!.link).toEqual([`${BASE}${namur.url}`]);
    expect((await t.app.inject('/chapters/nowhere/events.rss')).statusCode).toBe(404);
  });

  it('speaks the visitor’s language and revalidates with ETag', async () => {
    const fr = await t.app.inject({ url: '/events.rss', headers: { 'accept-language': 'fr' } });
    expect(xml.parse(fr.body).rss.channel.title).toBe('Prochains événements · Test network');
    expect(fr.headers.vary).toContain('Accept-Language');
    const again = await t.app.inject({
      url: '/events.rss',
      headers: { 'accept-language': 'fr', 'if-none-match': fr.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    const en = await t.app.inject({
      url: '/events.rss',
      headers: { 'accept-language': 'en', 'if-none-match': fr.headers.etag as string },
    });
    expect(en.statusCode).toBe(200);
  });

  it('is advertised in the head of the home and chapter pages', async () => {
    const home = (await t.app.inject('/')).body;
    const head = home.slice(0, home.indexOf('</head>'));
    expect(head).toMatch(/<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/events\.rss"\/?>/);
    expect(head).toMatch(/<link rel="alternate" type="text\/calendar" title="[^"]+" href="\/calendar\.ics"\/?>/);
    const chapter = (await t.app.inject('/chapters/namur')).body;
    expect(chapter.slice(0, chapter.indexOf('</head>'))).toContain('href="/chapters/namur/events.rss"');
    expect(chapter).toContain('href="/chapters/namur/calendar.ics"');
  });
});

describe('event pages for machines', () => {
  it('carries schema.org JSON-LD that no title can break out of', async () => {
    const res = await t.app.inject(nasty.url);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('</script><script>alert(1)');
    expect(res.body).not.toContain('<!-- x');
    // The page's CSP still forbids inline scripts: JSON-LD is data, it needs no exception.
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const ld = jsonLd(res.body);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: NASTY,
      url: `${BASE}${nasty.url}`,
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: {
        '@type': 'Place',
        name: 'La Cité — Salle A',
        address: { '@type': 'PostalAddress', streetAddress: 'Quai 5', addressLocality: 'Liège' },
      },
      organizer: { '@type': 'Organization', name: 'Test network', url: `${BASE}/` },
      offers: {
        '@type': 'Offer',
        price: 0,
        priceCurrency: 'EUR',
        availability: 'https://schema.org/InStock',
        url: `${BASE}${nasty.url}`,
      },
    });
    expect(ld.startDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:30:00\+0[12]:00$/);
    expect(Date.parse(ld.startDate)).toBe(Date.parse(inDays(3)));
  });

  it('gives dates with the zone’s offset, mixed attendance, availability and cancellation', async () => {
    const winter = jsonLd((await t.app.inject(mixed.url)).body);
    expect(winter).toMatchObject({
      startDate: `${year}-01-14T18:30:00+01:00`,
      endDate: `${year}-01-14T21:00:00+01:00`,
      eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
      location: [
        { '@type': 'Place', name: 'La Cité' },
        { '@type': 'VirtualLocation', url: 'https://meet.example.org/winter' },
      ],
      performer: [{ '@type': 'Person', name: 'Ada' }],
    });
    const summer = jsonLd((await t.app.inject(full.url)).body);
    expect(summer).toMatchObject({
      startDate: `${year}-07-14T18:30:00+02:00`,
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      location: { '@type': 'VirtualLocation', url: 'https://meet.example.org/summer' },
      // Full, even with a waitlist: schema.org's SoldOut (a waitlist place is no seat).
      offers: { availability: 'https://schema.org/SoldOut' },
    });
    expect(jsonLd((await t.app.inject(closedFull.url)).body).offers.availability).toBe('https://schema.org/SoldOut');
    const off = jsonLd((await t.app.inject(cancelled.url)).body);
    expect(off.eventStatus).toBe('https://schema.org/EventCancelled');
  });

  it('has Open Graph and Twitter card tags and a canonical address', async () => {
    const html = (await t.app.inject({ url: mixed.url, headers: { 'accept-language': 'en' } })).body;
    expect(meta(html, 'og:title')).toBe('Winter meetup');
    expect(meta(html, 'og:url')).toBe(`${BASE}${mixed.url}`);
    expect(meta(html, 'og:type')).toBe('website');
    expect(meta(html, 'og:site_name')).toBe('Test network');
    expect(meta(html, 'og:description')).toContain('La Cité, Quai 5, Liège');
    expect(meta(html, 'twitter:card')).toBe('summary');
    expect(meta(html, 'twitter:title')).toBe('Winter meetup');
    expect(html).toContain(`<link rel="canonical" href="${BASE}${mixed.url}"`);
    const nastyHtml = (await t.app.inject(nasty.url)).body;
    expect(meta(nastyHtml, 'og:title')).toBe(NASTY);
  });

  it('links to the .ics file, Google Calendar and Outlook', async () => {
    const html = (await t.app.inject({ url: mixed.url, headers: { 'accept-language': 'en' } })).body;
    expect(html).toContain('Add to my calendar');
    expect(html).toContain(`href="${mixed.url}.ics"`);
    const google = new URL(unescapeAttr(/href="(https:\/\/calendar\.google\.com\/[^"]+)"/.exec(html)![1]!));
    expect(google.pathname).toBe('/calendar/render');
    expect(Object.fromEntries(google.searchParams)).toMatchObject({
      action: 'TEMPLATE',
      text: 'Winter meetup',
      dates: `${year}0114T173000Z/${year}0114T200000Z`,
      location: 'La Cité, Quai 5, Liège',
    });
    expect(google.searchParams.get('details')).toContain(`${BASE}${mixed.url}`);
    const outlook = new URL(unescapeAttr(/href="(https:\/\/outlook\.live\.com\/[^"]+)"/.exec(html)![1]!));
    expect(outlook.pathname).toBe('/calendar/0/deeplink/compose');
    expect(Object.fromEntries(outlook.searchParams)).toMatchObject({
      subject: 'Winter meetup',
      startdt: `${year}-01-14T17:30:00.000Z`,
      enddt: `${year}-01-14T20:00:00.000Z`,
      location: 'La Cité, Quai 5, Liège',
    });
    // A cancelled event offers nothing to add.
    expect((await t.app.inject({ url: cancelled.url, headers: { 'accept-language': 'en' } })).body).not.toContain(
      'calendar.google.com',
    );
  });
});

describe('structured data to the letter', () => {
  it('gives plain text (not Markdown) in JSON-LD and calendar links, the country, validFrom and og:locale', async () => {
    const md = await create({
      title: 'Markdown meetup',
      description: '**Bold** intro with a [link](https://example.org/more).\n\n- first\n- second\n\n<b>raw</b> & more',
      startsAt: `${year}-02-14T17:30:00.000Z`,
      endsAt: `${year}-02-14T20:00:00.000Z`,
      venue: 'la-cite',
      capacity: 20,
    });
    const html = (await t.app.inject({ url: md.url, headers: { 'accept-language': 'nl' } })).body;
    const ld = jsonLd(html);
    const plain = 'Bold intro with a link (https://example.org/more).\n\n- first\n- second\n\nraw & more';
    expect(ld.description).toBe(plain);
    expect(ld.location.address.addressCountry).toBe('BE');
    expect(Date.parse(ld.offers.validFrom)).toBeLessThanOrEqual(Date.now());
    expect(ld.offers.validFrom).toMatch(/[+-]\d\d:\d\d$/);
    const google = new URL(unescapeAttr(/href="(https:\/\/calendar\.google\.com\/[^"]+)"/.exec(html)![1]!));
    expect(google.searchParams.get('details')).toBe(`${plain}\n\n${BASE}${md.url}`);
    const outlook = new URL(unescapeAttr(/href="(https:\/\/outlook\.live\.com\/[^"]+)"/.exec(html)![1]!));
    expect(outlook.searchParams.get('body')).not.toMatch(/\*\*|<b>|\]\(/);
    expect(meta(html, 'og:locale')).toBe('nl_BE');
    expect([...html.matchAll(/<meta property="og:locale:alternate" content="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'fr_BE',
      'en_GB',
    ]);
  });
});

describe('sitemap and robots', () => {
  it('sitemap.xml lists home, chapters, venues and upcoming published events, absolute', async () => {
    const res = await t.app.inject('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const doc = xml.parse(res.body);
    expect(doc.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs = (doc.urlset.url as { loc: string; lastmod?: string }[]).map((u) => u.loc);
    expect(locs).toEqual(
      expect.arrayContaining([
        `${BASE}/`,
        `${BASE}/chapters/liege`,
        `${BASE}/chapters/namur`,
        `${BASE}/venues`,
        `${BASE}/venues/la-cite`,
        `${BASE}${nasty.url}`,
        `${BASE}${namur.url}`,
      ]),
    );
    for (const hidden of [draft.id, cancelled.id, past.id]) expect(locs.filter((l) => l.includes(hidden))).toEqual([]);
    expect(
      (await t.app.inject({ url: '/sitemap.xml', headers: { 'if-none-match': res.headers.etag as string } }))
        .statusCode,
    ).toBe(304);
  });

  it('robots.txt opens public pages, closes private ones and points to the sitemap', async () => {
    const res = await t.app.inject('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'User-agent: *',
        'Allow: /',
        'Disallow: /admin',
        'Disallow: /r/',
        'Disallow: /api/',
        'Disallow: /calendar/personal/',
        `Sitemap: ${BASE}/sitemap.xml`,
      ]),
    );
  });
});
