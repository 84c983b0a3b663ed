import { createHash } from 'node:crypto';
import YAML from 'yaml';
import { unwrapBlockWrappers } from './block-wrappers.js';

/**
 * One Markdown document as a source of an article: front matter read as YAML with the safe core
 * schema (no custom tags, no code), keys mapped by name with the synonyms of the WordPress
 * exporter (wordpress-to-markdown: title, date, status, permalink, author, excerpt, type, id,
 * category, tag, post_format), Jekyll and Hugo (slug, tags, categories, draft, lastmod, aliases,
 * summary, description, publishDate…). A text with no front matter is the style of the seed
 * document 000: its first line is the title and the date must be given (--date).
 */

export type SourceStatus = 'published' | 'draft' | 'private' | 'scheduled' | 'skip';

export interface MarkdownSource {
  sourceKey: string;
  hash: string;
  title: string;
  body: string;
  date: Date | undefined;
  status: SourceStatus;
  /** The raw status word, to report what was skipped and why. */
  statusWord: string;
  slug: string | undefined;
  permalink: string | undefined;
  aliases: string[];
  authors: string[];
  excerpt: string | undefined;
  categories: string[];
  tags: string[];
  type: string;
  /** The WordPress post id, when the export kept it: `/?p=ID` redirects to the article. */
  wpId: string | undefined;
  language: 'fr' | 'nl' | 'en' | undefined;
  /** Keys read and keys ignored, for the report. */
  ignoredKeys: string[];
}

export class SourceError extends Error {}

const synonyms: Record<string, string[]> = {
  title: ['title', 'name', 'headline'],
  date: ['date', 'published', 'publishdate', 'pubdate', 'post_date', 'created'],
  status: ['status', 'post_status', 'state'],
  draft: ['draft'],
  published: ['published_flag'],
  slug: ['slug', 'post_name', 'url_title'],
  permalink: ['permalink', 'url', 'link'],
  aliases: ['aliases', 'redirect_from', 'old_urls'],
  author: ['author', 'authors', 'creator', 'dc:creator', 'by'],
  excerpt: ['excerpt', 'summary', 'description', 'lead', 'abstract'],
  type: ['type', 'post_type', 'layout'],
  id: ['id', 'post_id', 'wp_id', 'uid'],
  categories: ['category', 'categories', 'section', 'sections'],
  tags: ['tag', 'tags', 'keywords'],
  language: ['lang', 'language', 'locale'],
  ignored: ['post_format', 'lastmod', 'updated', 'modified', 'weight', 'comments', 'toc', 'menu', 'sticky'],
};
const keyFor = new Map<string, string>(
  Object.entries(synonyms).flatMap(([field, keys]) => keys.map((k) => [k, field] as [string, string])),
);

const list = (v: unknown): string[] =>
  v === null || v === undefined
    ? []
    : (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [v]).map((x) => String(x).trim()).filter(Boolean);

function statusOf(word: string, draft: unknown): SourceStatus {
  if (draft === true || String(draft).toLowerCase() === 'true') return 'draft';
  switch (word.toLowerCase()) {
    case '':
    case 'publish':
    case 'published':
    case 'public':
      return 'published';
    case 'draft':
    case 'pending':
      return 'draft';
    case 'private':
    case 'password':
      return 'private';
    case 'future':
    case 'scheduled':
      return 'scheduled';
    default:
      // trash, auto-draft, inherit and anything unknown never become public.
      return 'skip';
  }
}

function dateOf(v: unknown): Date | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const d = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(d.getTime())) throw new SourceError(`the date "${String(v)}" is not a date`);
  return d;
}

/** The front matter block and the body, or undefined front matter for a plain text. */
function split(text: string): { front: string | undefined; body: string } {
  const first = text.split('\n', 1)[0]!.trim();
  if (first === '+++') throw new SourceError('TOML front matter (+++) is not read: only YAML front matter (---)');
  if (/^---\s*\S/.test(first))
    throw new SourceError(
      `front matter "${first}" asks for another language than YAML (such as ---js, which would run code): refused`,
    );
  if (first === ';;;' || (first === '{' && /^\{\s*\n\s*"/.test(text)))
    throw new SourceError('JSON front matter is not read: only YAML front matter (---)');
  if (first !== '---') return { front: undefined, body: text };
  const end = /\n(---|\.\.\.)[ \t]*(\n|$)/.exec(text.slice(3));
  if (!end) throw new SourceError('the front matter opened with --- is never closed');
  return { front: text.slice(3, 3 + end.index), body: text.slice(3 + end.index + end[0].length) };
}

export function parseMarkdownSource(
  text: string,
  opts: { path: string; date?: Date | undefined; language?: 'fr' | 'nl' | 'en' | undefined },
): MarkdownSource {
  const hash = createHash('sha256').update(text).digest('hex');
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { front, body } = split(clean);
  if (front === undefined) {
    // The style of seed 000: a title line, then the text.
    const lines = clean.split('\n');
    const at = lines.findIndex((l) => l.trim() !== '');
    if (at < 0) throw new SourceError('the file is empty');
    if (!opts.date) throw new SourceError('no front matter and no date: give the date with --date YYYY-MM-DD');
    return {
      sourceKey: `md:path:${opts.path}`,
      hash,
      title: lines[at]!.trim().slice(0, 200),
      body: unwrapBlockWrappers(
        lines
          .slice(at + 1)
          .join('\n')
          .trim(),
      ),
      date: opts.date,
      status: 'published',
      statusWord: 'publish',
      slug: undefined,
      permalink: undefined,
      aliases: [],
      authors: [],
      excerpt: undefined,
      categories: [],
      tags: [],
      type: 'post',
      wpId: undefined,
      language: opts.language,
      ignoredKeys: [],
    };
  }
  let meta: unknown;
  try {
    // core schema: plain YAML types only; custom tags (!!js/function…) are errors, never code.
    const doc = YAML.parseDocument(front, { schema: 'core', customTags: [], strict: true, uniqueKeys: false });
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem) throw problem;
    meta = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    throw new SourceError(`the front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (meta === null || meta === undefined) meta = {};
  if (typeof meta !== 'object' || Array.isArray(meta))
    throw new SourceError('the front matter must be a list of "key: value" lines');
  const fields = new Map<string, unknown>();
  const ignoredKeys: string[] = [];
  for (const [key, value] of Object.entries(meta as Record<string, unknown>)) {
    const field = keyFor.get(key.toLowerCase());
    if (!field || field === 'ignored') ignoredKeys.push(key);
    else if (!fields.has(field)) fields.set(field, value);
  }
  const str = (f: string) => {
    const v = fields.get(f);
    return v === undefined || v === null ? undefined : String(v).trim();
  };
  const title = str('title');
  if (!title) throw new SourceError('the front matter has no title');
  const statusWord = str('status') ?? (fields.get('draft') === true ? 'draft' : 'publish');
  const permalink = str('permalink');
  const id = str('id');
  const lang = str('language')?.slice(0, 2).toLowerCase();
  return {
    sourceKey: id ? `md:id:${id}` : permalink ? `md:permalink:${permalink}` : `md:path:${opts.path}`,
    hash,
    title: title.slice(0, 200),
    body: unwrapBlockWrappers(body.replace(/^\n+/, '').trimEnd()),
    date: dateOf(fields.get('date')) ?? opts.date,
    status: statusOf(statusWord, fields.get('draft')),
    statusWord,
    slug: str('slug'),
    permalink,
    aliases: list(fields.get('aliases')),
    authors: list(fields.get('author')),
    excerpt: str('excerpt'),
    categories: list(fields.get('categories')).filter((c) => c.toLowerCase() !== 'uncategorized'),
    tags: list(fields.get('tags')),
    type: str('type') ?? 'post',
    wpId: id && /^\d+$/.test(id) ? id : undefined,
    language: lang === 'fr' || lang === 'nl' || lang === 'en' ? lang : opts.language,
    ignoredKeys,
  };
}
