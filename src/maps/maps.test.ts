import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent, makeVenue, registered } from '../../test/support/factories.js';
import { signIn } from '../../test/support/forms.js';

/** A Nominatim look-alike on 127.0.0.1: answers what `answer` says and remembers every request. */
function fakeGeocoder() {
  const seen: { url: URL; userAgent: string | undefined }[] = [];
  let answer: (res: http.ServerResponse) => void = (res) =>
    res.setHeader('content-type', 'application/json').end(JSON.stringify([{ lat: '50.4108', lon: '4.4446' }]));
  const server = http.createServer((req, res) => {
    seen.push({ url: new URL(req.url!, 'http://x'), userAgent: req.headers['user-agent'] });
    answer(res);
  });
  return {
    seen,
    answerWith(f: typeof answer) {
      answer = f;
    },
    async start() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const geocoder = fakeGeocoder();
let t: TestApp;
let admin: string;
/** The same geocoder, but the address guard in force (private addresses refused). */
let guarded: TestApp;
let guardedAdmin: string;

beforeAll(async () => {
  const url = await geocoder.start();
  t = await startTestApp({ geocoderUrl: url, allowPrivateWebhooks: true });
  admin = (await t.user('admin')).token;
  guarded = await startTestApp({ geocoderUrl: url, allowPrivateWebhooks: false });
  guardedAdmin = (await guarded.user('admin')).token;
});
afterAll(async () => {
  await t?.close();
  await guarded?.close();
  await geocoder.close();
});

const venue = (app: TestApp, slug: string) => app.api('GET', `/api/v1/venues/${slug}`).then((r) => r.json());

describe('coordinates of a venue', () => {
  it('are found from the address at creation, asking the geocoder for "address, city" under our own name', async () => {
    const before = geocoder.seen.length;
    const made = await makeVenue(t, admin, { address: 'Boulevard Tirou 1', city: 'Charleroi' });
    expect(await venue(t, made.slug)).toMatchObject({ latitude: 50.4108, longitude: 4.4446 });
    const asked = geocoder.seen.slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.url.pathname).toBe('/search');
    expect(asked[0]!.url.searchParams.get('q')).toBe('Boulevard Tirou 1, Charleroi');
    expect(asked[0]!.url.searchParams.get('format')).toBe('jsonv2');
    expect(asked[0]!.userAgent).toMatch(/^Essaim \(/);
  });

  it('typed by hand are kept, and the geocoder is not asked', async () => {
    const before = geocoder.seen.length;
    const made = await makeVenue(t, admin, { address: 'Rue X 1', latitude: 50.8466, longitude: 4.3528 });
    expect(await venue(t, made.slug)).toMatchObject({ latitude: 50.8466, longitude: 4.3528 });
    expect(geocoder.seen.length).toBe(before);
  });

  it('without a street address are not looked up (a city alone would put the pin anywhere)', async () => {
    const before = geocoder.seen.length;
    const made = await makeVenue(t, admin, { address: '' });
    expect(await venue(t, made.slug)).toMatchObject({ latitude: null, longitude: null });
    expect(geocoder.seen.length).toBe(before);
  });

  it('a failing geocoder never blocks saving: an error, garbage or no result leave the venue off the map', async () => {
    const answers: ((res: http.ServerResponse) => void)[] = [
      (res) => res.writeHead(503).end('busy'),
      (res) => res.setHeader('content-type', 'application/json').end('{not json'),
      (res) => res.setHeader('content-type', 'application/json').end('[]'),
      (res) => res.setHeader('content-type', 'application/json').end('[{"lat":"95","lon":"4"}]'),
    ];
    try {
      for (const answer of answers) {
        geocoder.answerWith(answer);
        const made = await makeVenue(t, admin, { address: 'Rue Introuvable 99' });
        expect(await venue(t, made.slug)).toMatchObject({ latitude: null, longitude: null });
      }
    } finally {
      geocoder.answerWith((res) =>
        res.setHeader('content-type', 'application/json').end(JSON.stringify([{ lat: '50.4108', lon: '4.4446' }])),
      );
    }
  });

  it('goes through the outbound address guard: a geocoder on a private address is never called', async () => {
    const before = geocoder.seen.length;
    const made = await makeVenue(guarded, guardedAdmin, { address: 'Boulevard Tirou 1' });
    expect(await venue(guarded, made.slug)).toMatchObject({ latitude: null, longitude: null });
    expect(geocoder.seen.length).toBe(before);
  });

  it('come in pairs and within range; a refusal saves nothing', async () => {
    for (const body of [
      { latitude: 50.8 },
      { latitude: 50.8, longitude: null },
      { latitude: 91, longitude: 4 },
      { latitude: 50, longitude: 181 },
    ]) {
      const res = await t.api('POST', '/api/v1/venues', {
        token: admin,
        body: { name: 'Nowhere', city: 'Mons', ...body },
        headers: { 'accept-language': 'fr' },
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const pair = await t.api('POST', '/api/v1/venues', {
      token: admin,
      body: { name: 'Nowhere', city: 'Mons', latitude: 50.8 },
      headers: { 'accept-language': 'fr' },
    });
    expect(pair.json().errors).toContainEqual(
      expect.objectContaining({
        field: 'longitude',
        message: 'indiquez la latitude et la longitude, ou aucune des deux',
      }),
    );
    expect((await t.api('GET', '/api/v1/venues/nowhere')).statusCode).toBe(404);
  });

  it('are changed or cleared by PATCH', async () => {
    const made = await makeVenue(t, admin, { latitude: 50.1, longitude: 4.1 });
    const moved = await t.api('PATCH', `/api/v1/venues/${made.slug}`, {
      token: admin,
      body: { latitude: 50.2, longitude: 4.2 },
    });
    expect(moved.json()).toMatchObject({ latitude: 50.2, longitude: 4.2 });
    const cleared = await t.api('PATCH', `/api/v1/venues/${made.slug}`, {
      token: admin,
      body: { latitude: null, longitude: null },
    });
    expect(cleared.json()).toMatchObject({ latitude: null, longitude: null });
  });

  it('are typed on the venue form with a decimal comma, and a lone latitude is refused in the visitor’s language', async () => {
    const { user, password } = await t.user('admin');
    const fr = await signIn(t.app, { email: user.email, password }, { 'accept-language': 'fr' });
    const made = await makeVenue(t, admin, { latitude: 50.1, longitude: 4.1 });
    const page = `/admin/venues/${made.slug}`;
    const form = { 'fr.name': made.name, city: 'Charleroi', kind: 'coworking', language: 'fr' };
    const saved = await fr.submit(page, page, { ...form, latitude: '50,4108', longitude: '4,4446' });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(await venue(t, made.slug)).toMatchObject({ latitude: 50.4108, longitude: 4.4446 });
    const lone = await fr.submit(page, page, { ...form, latitude: '50,5', longitude: '' });
    expect(lone.statusCode).toBe(400);
    expect(lone.body).toContain('indiquez la latitude et la longitude, ou aucune des deux');
    expect(await venue(t, made.slug)).toMatchObject({ latitude: 50.4108, longitude: 4.4446 });
  });
});

describe('the map on pages', () => {
  it('the venue page: a link to OpenStreetMap at the coordinates, directions, geo: and the attribution, in French', async () => {
    const made = await makeVenue(t, admin, { latitude: 50.4108, longitude: 4.4446 });
    const res = await t.app.inject({ url: `/venues/${made.slug}`, headers: { 'accept-language': 'fr' } });
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('data-lat="50.4108"');
    expect(html).toContain('data-lon="4.4446"');
    expect(html).toContain('data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"');
    expect(html).toContain('href="https://www.openstreetmap.org/?mlat=50.4108&amp;mlon=4.4446#map=17/50.4108/4.4446"');
    expect(html).toContain('Voir sur OpenStreetMap');
    expect(html).toContain('href="https://www.openstreetmap.org/directions?route=%3B50.4108%2C4.4446"');
    expect(html).toContain('Itinéraire');
    expect(html).toContain('href="geo:50.4108,4.4446"');
    expect(html).toContain('© les contributeurs d’OpenStreetMap');
    expect(html).toContain('<script src="/assets/map.js" defer');
    // Leaflet itself is not on the page: the script loads it when the map comes into view.
    expect(html).not.toContain('leaflet.js');
    expect(html).toContain('"geo":{"@type":"GeoCoordinates","latitude":50.4108,"longitude":4.4446}');
  });

  it('a venue without coordinates has no map', async () => {
    const made = await makeVenue(t, admin);
    const html = (await t.app.inject(`/venues/${made.slug}`)).body;
    expect(html).not.toContain('data-map');
    expect(html).not.toContain('/assets/map.js');
  });

  it('the event page shows the map when in person; the ticket has the address, map and directions links', async () => {
    const chapter = await makeChapter(t, admin);
    const place = await makeVenue(t, admin, { address: 'Rue de Marcinelle 3', latitude: 50.4, longitude: 4.44 });
    const inPerson = await makeEvent(t, admin, chapter.slug, { venue: place.slug, onlineUrl: null });
    const html = (await t.app.inject({ url: inPerson.url, headers: { 'accept-language': 'nl' } })).body;
    expect(html).toContain('data-lat="50.4"');
    expect(html).toContain('Bekijken op OpenStreetMap');
    expect(html).toContain('Routebeschrijving');
    // Search engines get the coordinates too (schema.org Place.geo).
    expect(html).toContain('"geo":{"@type":"GeoCoordinates","latitude":50.4,"longitude":4.44}');
    const online = await makeEvent(t, admin, chapter.slug);
    expect((await t.app.inject(online.url)).body).not.toContain('data-map');

    const reg = await registered(t, inPerson.id, { name: 'Ana Lopes' });
    const secret = (await t.database.pool.query('SELECT secret FROM registrations WHERE id = $1', [reg.id])).rows[0]
      .secret;
    const ticket = (await t.app.inject({ url: `/r/${secret}`, headers: { 'accept-language': 'en' } })).body;
    expect(ticket).toContain('Rue de Marcinelle 3, Charleroi');
    expect(ticket).toContain('href="https://www.openstreetmap.org/?mlat=50.4&amp;mlon=4.44#map=17/50.4/4.44"');
    expect(ticket).toContain('href="https://www.openstreetmap.org/directions?route=%3B50.4%2C4.44"');
    expect(ticket).toContain('href="geo:50.4,4.44"');
  });
});

describe('Leaflet from our own origin', () => {
  it('is served under its version with a year of cache, the map script beside it', async () => {
    for (const [file, type] of [
      ['leaflet.js', 'text/javascript'],
      ['leaflet.css', 'text/css'],
      ['images/marker-icon.png', 'image/png'],
    ] as const) {
      const res = await t.app.inject(`/assets/leaflet-1.9.4/${file}`);
      expect(res.statusCode, file).toBe(200);
      expect(res.headers['content-type']).toContain(type);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    const script = await t.app.inject('/assets/map.js');
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('IntersectionObserver');
  });

  it('the CSP lets images come from the tile host only, scripts from our origin only', async () => {
    const csp = String((await t.app.inject('/venues')).headers['content-security-policy']);
    expect(csp).toMatch(/img-src 'self' data: https:\/\/tile\.openstreetmap\.org(;|$)/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/default-src[^;]*openstreetmap/);
  });

  it('another tile host (MAP_TILES_URL) is the one allowed, and the one the map draws from', async () => {
    const other = await startTestApp({ mapTilesUrl: 'https://tiles.example.org/osm/{z}/{x}/{y}.png' });
    try {
      const token = (await other.user('admin')).token;
      const made = await makeVenue(other, token, { latitude: 50.4, longitude: 4.4 });
      const res = await other.app.inject(`/venues/${made.slug}`);
      expect(String(res.headers['content-security-policy'])).toMatch(
        /img-src 'self' data: https:\/\/tiles\.example\.org(;|$)/,
      );
      expect(res.body).toContain('data-tiles="https://tiles.example.org/osm/{z}/{x}/{y}.png"');
    } finally {
      await other.close();
    }
  });
});
