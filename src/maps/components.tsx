import type { PageContext } from '../web/page.js';
import { LEAFLET_BASE } from './routes.js';
import { type Coordinates, directionsUrl, geoUri, osmUrl } from './service.js';

// The pieces of a page that show where a place is: the venue page, the event page and the ticket.

const COPYRIGHT = 'https://www.openstreetmap.org/copyright';

/** "Directions" on OpenStreetMap, and the geo: URI a phone opens in its own maps application. */
export function DirectionsLinks({ ctx, at }: { ctx: PageContext; at: Coordinates }) {
  const { t } = ctx;
  return (
    <>
      <a href={directionsUrl(at)} rel="noopener nofollow" class="directions-link">
        {t('map.directions')}
      </a>{' '}
      · <a href={geoUri(at)}>{t('map.geo')}</a>
    </>
  );
}

/**
 * A map of the place. In the HTML it is a link to OpenStreetMap at the coordinates (all a visitor
 * without JavaScript gets); /assets/map.js draws it with Leaflet, from our own origin, once it
 * scrolls into view. The attribution is in the caption either way.
 */
export function PlaceMap({
  ctx,
  at,
  place,
  tiles,
}: {
  ctx: PageContext;
  at: Coordinates;
  /** The place's name, for the map's label and the marker's text. */
  place: string;
  /** The tiles' address template (MAP_TILES_URL). */
  tiles: string;
}) {
  const { t } = ctx;
  const attribution = `<a href="${COPYRIGHT}">${escapeHtml(t('map.attribution'))}</a>`;
  return (
    <section class="place-map" aria-labelledby="map-title">
      <h2 id="map-title">{t('map.title')}</h2>
      <figure
        class="map"
        role="group"
        aria-label={t('map.label', { place })}
        data-map="waiting"
        data-lat={String(at.latitude)}
        data-lon={String(at.longitude)}
        data-tiles={tiles}
        data-attribution={attribution}
        data-leaflet={LEAFLET_BASE}
        data-place={place}
      >
        <a href={osmUrl(at)} rel="noopener nofollow" class="map-link">
          {t('map.open')}
        </a>
        <figcaption>
          <a href={COPYRIGHT} rel="noopener nofollow">
            {t('map.attribution')}
          </a>
        </figcaption>
      </figure>
      <p>
        <DirectionsLinks ctx={ctx} at={at} />
      </p>
      <script src="/assets/map.js" defer />
    </section>
  );
}

/** Leaflet writes the attribution as HTML: the translated words are escaped first. */
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
