/**
 * Pictures an article shows from other sites (an import without --fetch-media, an address pasted
 * in the text) are refused by the pages' Content-Security-Policy (`img-src 'self'`), which is kept
 * narrow rather than opened to every host: a reader would see a broken picture. When the page is
 * rendered each such `<img>` becomes a link to the picture, named by its host (and its description),
 * and the editor offers to fetch it (news-import/remote-media.ts). The stored HTML, the API and
 * the feeds, which the policy does not govern, keep the picture.
 */

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const encode = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return m ? decode(m[1]!) : undefined;
}

/** This site's addresses: the configured one, and the host a request came by (a network's own name). */
export type OwnSite = string | readonly string[];

const hostOf = (address: string) => {
  try {
    return new URL(address).host;
  } catch {
    return undefined;
  }
};

/** The host of a picture address that is not this site's, else undefined (a relative or own address). */
export function remoteHost(src: string, own: OwnSite): string | undefined {
  if (!/^(https?:)?\/\//i.test(src)) return undefined;
  const host = hostOf(src.startsWith('//') ? `https:${src}` : src);
  return host && ![own].flat().some((o) => hostOf(o) === host) ? host : undefined;
}

/** The addresses of the pictures a rendered body shows from other sites. */
export function remotePictures(html: string, own: OwnSite): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<img\b[^>]*>/gi)) {
    const src = attribute(m[0], 'src');
    if (src && remoteHost(src, own)) found.add(src);
  }
  return [...found];
}

/**
 * Sanitised HTML (news/markdown.ts: attributes double-quoted and escaped) with each picture from
 * another site made a link to it; inside a link already, its words only (a link in a link is not HTML).
 */
export function linkRemotePictures(html: string, own: OwnSite, label: (host: string, alt: string) => string): string {
  if (!/<img\b[^>]*\ssrc="(https?:)?\/\//i.test(html)) return html;
  let inLink = 0;
  return html.replace(/<(\/?)(a|img)\b[^>]*>/gi, (tag, closing: string, name: string) => {
    if (name.toLowerCase() === 'a') {
      inLink = Math.max(0, inLink + (closing ? -1 : 1));
      return tag;
    }
    const src = attribute(tag, 'src') ?? '';
    const host = remoteHost(src, own);
    if (!host) return tag;
    const words = encode(label(host, (attribute(tag, 'alt') ?? '').trim()));
    if (inLink) return `<span class="remote-picture">${words}</span>`;
    return `<a class="remote-picture" href="${encode(src)}" rel="nofollow noopener">${words}</a>`;
  });
}
