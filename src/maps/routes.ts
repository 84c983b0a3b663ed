import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

// Leaflet served from our own origin (no CDN: no third party learns who reads which page, and the
// CSP keeps scripts to 'self'), under a path that names its version, so it may be cached for a year.

const require = createRequire(import.meta.url);
const dist = path.dirname(require.resolve('leaflet/dist/leaflet.js'));
const version = (JSON.parse(fs.readFileSync(path.join(dist, '..', 'package.json'), 'utf8')) as { version: string })
  .version;

/** Where Leaflet's files are: the map script loads `leaflet.js` and `leaflet.css` from here. */
export const LEAFLET_BASE = `/assets/leaflet-${version}/`;

const FILES: Record<string, string> = {
  'leaflet.js': 'text/javascript; charset=utf-8',
  'leaflet.css': 'text/css; charset=utf-8',
  'images/marker-icon.png': 'image/png',
  'images/marker-icon-2x.png': 'image/png',
  'images/marker-shadow.png': 'image/png',
  'images/layers.png': 'image/png',
  'images/layers-2x.png': 'image/png',
};

/**
 * Finds the page's maps and draws each one only when it comes into view (IntersectionObserver):
 * a visitor who never scrolls to it downloads neither Leaflet nor a tile. Without JavaScript (or
 * without IntersectionObserver) the map stays the link to OpenStreetMap it is in the HTML.
 */
const MAP_SCRIPT = `(function () {
  var boxes = document.querySelectorAll('[data-map]');
  if (!boxes.length || !('IntersectionObserver' in window)) return;
  var loading;
  function leaflet(base) {
    if (!loading)
      loading = new Promise(function (done, fail) {
        var css = document.createElement('link');
        css.rel = 'stylesheet';
        css.href = base + 'leaflet.css';
        document.head.appendChild(css);
        var js = document.createElement('script');
        js.src = base + 'leaflet.js';
        js.onload = done;
        js.onerror = fail;
        document.head.appendChild(js);
      });
    return loading;
  }
  function draw(box) {
    var at = [Number(box.dataset.lat), Number(box.dataset.lon)];
    var canvas = document.createElement('div');
    canvas.className = 'map-canvas';
    box.insertBefore(canvas, box.firstChild);
    var map = L.map(canvas, { scrollWheelZoom: false }).setView(at, 16);
    map.attributionControl.setPrefix(false);
    L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution }).addTo(map);
    L.marker(at, { alt: box.dataset.place || '', keyboard: false }).addTo(map);
    box.dataset.map = 'drawn';
  }
  var watcher = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      watcher.unobserve(entry.target);
      leaflet(entry.target.dataset.leaflet).then(function () { draw(entry.target); });
    });
  }, { rootMargin: '100px' });
  boxes.forEach(function (box) { watcher.observe(box); });
})();
`;

export function mapRoutes(app: FastifyInstance): void {
  // bare: no network lookup, no session, no ETag of a 150-kB file per request: these never change.
  const fixed = { schema: { hide: true }, config: { bare: true } };
  for (const [file, type] of Object.entries(FILES)) {
    const body = fs.readFileSync(path.join(dist, file));
    app.get(`${LEAFLET_BASE}${file}`, fixed, (_req, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=31536000, immutable').send(body),
    );
  }
  app.get('/assets/map.js', fixed, (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(MAP_SCRIPT),
  );
}
