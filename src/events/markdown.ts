import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** Organisers write Markdown; visitors get HTML with only harmless tags and attributes. */
export function renderMarkdown(source: string): string {
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
