import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Articles are rendered the way event descriptions are (events/markdown.ts: marked with GFM, then
 * sanitize-html with an allow-list), with the longer list an article needs: pictures, headings,
 * tables. Raw HTML in the Markdown goes through the same sanitiser, so a <script> or an onclick
 * never reaches a reader. Done once when the article is written; pages read the stored HTML.
 */
export function renderArticleMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true, breaks: false });
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
      'h2',
      'h3',
      'h4',
      'hr',
      'del',
      'img',
      'figure',
      'figcaption',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'sup',
      'sub',
      'div',
      'span',
    ],
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading'],
      th: ['align'],
      td: ['align'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener' }),
      img: sanitizeHtml.simpleTransform('img', { loading: 'lazy' }),
      // The article's title is the page's only h1.
      h1: 'h2',
    },
  });
}

/** Plain text of rendered HTML: tags dropped, entities decoded, spaces collapsed. */
export function htmlToText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|li|h\d|blockquote|tr|div)>/g, ' $&'), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** A summary from the body: the first ~220 characters, cut at a word, with an ellipsis when cut. */
export function excerptOf(html: string, max = 220): string {
  return excerptOfText(htmlToText(html), max);
}

/** The same from text already taken out of the HTML. */
export function excerptOfText(text: string, max = 220): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}
