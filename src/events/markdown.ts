import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Rendering and sanitising is most of the CPU of an event page and of a feed (marked, then
// sanitize-html's parser), and descriptions change rarely: each source is rendered once and the
// HTML kept in a bounded memo, keyed by the source itself (a Map hashes the string; the memo
// holds at most MAX_MEMO_CHARS of source and HTML together). Chosen over a stored rendered
// column because every reader (pages, API, feeds, mail) benefits without a migration and a
// backfill, and a change of the sanitiser's rules takes effect at the next start instead of
// leaving HTML rendered under the old rules in the database.
const memo = new Map<string, string>();
const MAX_MEMO_CHARS = 8_000_000;
let memoChars = 0;

/** Organisers write Markdown; visitors get HTML with only harmless tags and attributes. */
export function renderMarkdown(source: string): string {
  const hit = memo.get(source);
  if (hit !== undefined) {
    // Most recently used last, so the oldest entry is the first evicted.
    memo.delete(source);
    memo.set(source, hit);
    return hit;
  }
  const html = render(source);
  const size = source.length + html.length;
  if (size > MAX_MEMO_CHARS / 100) return html;
  memo.set(source, html);
  memoChars += size;
  for (const [key, value] of memo) {
    if (memoChars <= MAX_MEMO_CHARS) break;
    memo.delete(key);
    memoChars -= key.length + value.length;
  }
  return html;
}

function render(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true, breaks: true });
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'strong',
      'em',
      'a',
      'ul',
      'ol',
      'li',
      'blockquote',
      'code',
      'pre',
      'h3',
      'h4',
      'hr',
      'del',
    ],
    allowedAttributes: { a: ['href', 'title'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener' }), h1: 'h3', h2: 'h3' },
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/**
 * The description as plain text, for places that show no HTML (JSON-LD, the details of a
 * Google or Outlook calendar link): Markdown rendered, every tag dropped, paragraphs and list
 * items kept as lines, a link as its text followed by its address.
 */
export function markdownToText(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true, breaks: true });
  const blocks = html
    // marked's own line breaks only lay out its HTML (with `breaks`, text line breaks are <br>).
    .replace(/\n/g, '')
    .replace(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_m, href: string, text: string) =>
      text.replace(/<[^>]*>/g, '') === href ? href : `${text} (${href})`,
    )
    .replace(/<li>/g, '- ')
    .replace(/<br\s*\/?>|<\/li>/g, '\n')
    .replace(/<\/(p|ul|ol|h\d|blockquote|pre)>/g, '\n\n');
  return sanitizeHtml(blocks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e]!)
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
