import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Config } from '../config.js';
import { checkOutboundUrl, type Resolver } from '../webhooks/service.js';

// Where a place is on the map: coordinates found from an address (a Nominatim-compatible
// geocoder), and the links that open a map or a route without any script.

export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** Finds an address's coordinates; never throws: no answer is `null` (saving never waits on the map). */
export type Geocoder = (address: string) => Promise<Coordinates | null>;

const TIMEOUT_MS = 5_000;
const MAX_BYTES = 512 * 1024;

/**
 * The configured geocoder (GEOCODER_URL), or none. Its requests go through the webhooks' outbound
 * address guard: an https URL on a public address, unless private addresses are allowed (tests,
 * intranets), and the connection goes to the very addresses that were checked.
 */
export function geocoderFor(
  config: Pick<Config, 'geocoderUrl' | 'allowPrivateWebhooks' | 'baseUrl'>,
  warn: (why: string) => void = () => {},
  resolve?: Resolver,
): Geocoder | undefined {
  const base = config.geocoderUrl;
  if (!base) return undefined;
  return async (address) => {
    const url = new URL('search', base.endsWith('/') ? base : `${base}/`);
    url.search = new URLSearchParams({ format: 'jsonv2', limit: '1', q: address }).toString();
    try {
      const body = await get(url, config.allowPrivateWebhooks, resolve, {
        accept: 'application/json',
        // Nominatim's usage policy asks every application to name itself.
        'user-agent': `Essaim (${config.baseUrl})`,
      });
      const [first] = JSON.parse(body) as { lat?: unknown; lon?: unknown }[];
      const latitude = Number(first?.lat);
      const longitude = Number(first?.lon);
      if (!first || !isCoordinate(latitude, 90) || !isCoordinate(longitude, 180)) return null;
      return { latitude, longitude };
    } catch (err) {
      // The address stays out of the log (it may be a person's); the reason is enough to act on.
      warn(`geocoder: no coordinates (${(err as Error).message.split('\n')[0]!.slice(0, 200)})`);
      return null;
    }
  };
}

const isCoordinate = (n: number, limit: number) => Number.isFinite(n) && Math.abs(n) <= limit;

async function get(
  raw: URL,
  allowPrivate: boolean,
  resolve: Resolver | undefined,
  headers: Record<string, string>,
): Promise<string> {
  const { url, addresses } = await checkOutboundUrl(raw.toString(), allowPrivate, resolve);
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: typeof addresses) => void)(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  return new Promise((done, fail) => {
    const request = (url.protocol === 'https:' ? https : http).get(
      url,
      { lookup: pinned, agent: false, headers },
      (res) => {
        if (res.statusCode !== 200) {
          res.destroy();
          clearTimeout(timer);
          return fail(new Error(`HTTP ${res.statusCode}`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BYTES) return request.destroy(new Error(`answer larger than ${MAX_BYTES} bytes`));
          chunks.push(c);
        });
        res.on('end', () => {
          clearTimeout(timer);
          done(Buffer.concat(chunks).toString('utf8'));
        });
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    request.on('error', (err) => {
      clearTimeout(timer);
      fail(err);
    });
  });
}

const fixed = (n: number) => String(Math.round(n * 1e6) / 1e6);

/** OpenStreetMap at these coordinates, with a marker: what the map is without JavaScript. */
export const osmUrl = ({ latitude, longitude }: Coordinates, zoom = 17): string =>
  `https://www.openstreetmap.org/?mlat=${fixed(latitude)}&mlon=${fixed(longitude)}#map=${zoom}/${fixed(latitude)}/${fixed(longitude)}`;

/** OpenStreetMap's route planner with the place as destination (the visitor fills in the start). */
export const directionsUrl = ({ latitude, longitude }: Coordinates): string =>
  `https://www.openstreetmap.org/directions?route=${encodeURIComponent(`;${fixed(latitude)},${fixed(longitude)}`)}`;

/** RFC 5870: a phone opens its own maps application at the place. */
export const geoUri = ({ latitude, longitude }: Coordinates): string => `geo:${fixed(latitude)},${fixed(longitude)}`;

/** Coordinates of a row whose latitude and longitude are both set, else undefined. */
export const coordinatesOf = (row: { latitude: number | null; longitude: number | null }): Coordinates | undefined =>
  row.latitude === null || row.longitude === null ? undefined : { latitude: row.latitude, longitude: row.longitude };
