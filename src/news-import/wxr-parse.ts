import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { AppError } from '../web/errors.js';
import { msg, type Msg } from '../web/i18n.js';
import { xmlReason } from './xml-reasons.js';

/**
 * WordPress eXtended RSS (1.0, 1.1, 1.2), read as a stream with saxes: the channel's authors
 * and terms first, then each <item> handed over as soon as it is complete, so a 100 MB export
 * never sits in memory. Refused with line and column: a DOCTYPE (entity declarations are how
 * XML bombs work), an encoding other than UTF-8, bytes that are not UTF-8, characters XML
 * forbids, a missing or unknown WXR version, truncated XML.
 */

export interface WxrAuthor {
  login: string;
  email: string;
  displayName: string;
}
export interface WxrTerm {
  kind: 'category' | 'tag' | 'term';
  nicename: string;
  name: string;
  parent: string;
}
export interface WxrItem {
  title: string;
  link: string;
  creator: string;
  content: string;
  excerpt: string;
  postId: string;
  postDateGmt: string;
  postName: string;
  status: string;
  postType: string;
  password: string;
  parent: string;
  sticky: boolean;
  categories: { domain: string; nicename: string; name: string }[];
  meta: Record<string, string>;
  /** `_wp_old_slug` metas: WordPress records one per rename, so there may be several. */
  oldSlugs: string[];
  comments: { approved: boolean; author: string; date: string; content: string; id: string; parent: string }[];
  attachmentUrl: string;
  /** Line of the <item> in the file, to name it in the report. */
  line: number;
}
export interface WxrChannel {
  version: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  /** The blog's language, as WordPress writes it in the channel (`fr-FR`, `nl-BE`, `en-US`); '' when absent. */
  language: string;
  authors: WxrAuthor[];
  terms: WxrTerm[];
}

const WP_NS = /^http:\/\/wordpress\.org\/export\/(1\.[012])\/$/;
const VERSIONS = ['1.0', '1.1', '1.2'];

export class WxrError extends AppError {
  constructor(message: Msg) {
    super('validation', message);
  }
}

const emptyItem = (line: number): WxrItem => ({
  title: '',
  link: '',
  creator: '',
  content: '',
  excerpt: '',
  postId: '',
  postDateGmt: '',
  postName: '',
  status: '',
  postType: '',
  password: '',
  parent: '',
  sticky: false,
  categories: [],
  meta: {},
  oldSlugs: [],
  comments: [],
  attachmentUrl: '',
  line,
});

/**
 * Streams the file; `onChannel` is called once before the first item (authors and terms are
 * complete by then), `onItem` for each item — awaited, so the database sets the pace.
 */
export async function parseWxr(
  input: Readable,
  handlers: {
    onChannel: (c: WxrChannel) => Promise<void>;
    onItem: (i: WxrItem) => Promise<void>;
    /** Bytes of the file read so far, for a progress bar. */
    onBytes?: (n: number) => void;
  },
): Promise<WxrChannel> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const channel: WxrChannel = { version: '', baseSiteUrl: '', baseBlogUrl: '', language: '', authors: [], terms: [] };
  const queue: WxrItem[] = [];
  const stack: string[] = [];
  let text = '';
  let item: WxrItem | undefined;
  let author: Partial<WxrAuthor> | undefined;
  let term: Partial<WxrTerm> | undefined;
  let meta: { key: string; value: string } | undefined;
  let comment: WxrItem['comments'][number] | undefined;
  let sawRss = false;
  let failure: Error | undefined;
  const where = () => msg('newsImport.wxr.where', { line: parser.line, column: parser.column });

  parser.on('error', (e) => {
    failure ??= new WxrError(msg('newsImport.wxr.xml', { where: where(), reason: xmlReason(e.message) }));
  });
  parser.on('xmldecl', (d) => {
    if (d.encoding && !/^utf-?8$/i.test(d.encoding))
      failure ??= new WxrError(msg('newsImport.wxr.encoding', { encoding: d.encoding }));
  });
  parser.on('doctype', () => {
    failure ??= new WxrError(msg('newsImport.wxr.doctype', { where: where() }));
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const name = tag.local;
    const ns = tag.uri;
    if (
      ns &&
      /wordpress\.org\/export/.test(ns) &&
      !WP_NS.test(ns) &&
      !/^http:\/\/wordpress\.org\/export\/1\.[012]\/excerpt\/$/.test(ns)
    )
      failure ??= new WxrError(msg('newsImport.wxr.namespace', { ns, where: where() }));
    if (name === 'rss') sawRss = true;
    stack.push(`${ns}|${name}`);
    text = '';
    if (name === 'item' && !ns) item = emptyItem(parser.line);
    else if (name === 'author' && WP_NS.test(ns)) author = {};
    else if ((name === 'category' || name === 'tag' || name === 'term') && WP_NS.test(ns) && !item)
      term = { kind: name as WxrTerm['kind'], parent: '' };
    else if (name === 'postmeta') meta = { key: '', value: '' };
    else if (name === 'comment' && item)
      comment = { approved: false, author: '', date: '', content: '', id: '', parent: '' };
    else if (name === 'category' && item && !ns) {
      const attr = (k: string) => (tag.attributes[k] as { value: string } | undefined)?.value ?? '';
      item.categories.push({ domain: attr('domain'), nicename: attr('nicename'), name: '' });
    }
  });
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.on('closetag', (tag: SaxesTagNS) => {
    stack.pop();
    const name = tag.local;
    const wp = WP_NS.test(tag.uri);
    const value = text;
    text = '';
    if (wp && name === 'wxr_version') {
      if (!VERSIONS.includes(value.trim()))
        failure ??= new WxrError(
          msg('newsImport.wxr.version', { version: value.trim(), versions: VERSIONS.join(', ') }),
        );
      channel.version = value.trim();
    } else if (wp && name === 'base_site_url') channel.baseSiteUrl = value.trim();
    else if (!tag.uri && name === 'language' && !item) channel.language = value.trim();
    else if (wp && name === 'base_blog_url') channel.baseBlogUrl = value.trim();
    else if (author && wp) {
      if (name === 'author_login') author.login = value.trim();
      else if (name === 'author_email') author.email = value.trim();
      else if (name === 'author_display_name') author.displayName = value.trim();
      else if (name === 'author') {
        if (author.login) channel.authors.push({ email: '', displayName: author.login, ...author } as WxrAuthor);
        author = undefined;
      }
    } else if (term && wp) {
      if (/nicename|^slug$|term_slug/.test(name)) term.nicename = value.trim();
      else if (/^(cat_name|tag_name|term_name)$/.test(name)) term.name = value.trim();
      else if (name === 'category_parent' || name === 'term_parent') term.parent = value.trim();
      else if (name === term.kind) {
        if (term.nicename) channel.terms.push({ name: term.nicename, ...term } as WxrTerm);
        term = undefined;
      }
    } else if (item) {
      if (meta && wp) {
        if (name === 'meta_key') meta.key = value;
        else if (name === 'meta_value') meta.value = value;
        else if (name === 'postmeta') {
          // Meta values are kept as text: PHP-serialised ones are data, never unserialised into objects.
          if (meta.key) item.meta[meta.key] = meta.value;
          if (meta.key === '_wp_old_slug' && meta.value.trim()) item.oldSlugs.push(meta.value.trim());
          meta = undefined;
        }
      } else if (comment && wp) {
        if (name === 'comment_approved') comment.approved = value.trim() === '1';
        else if (name === 'comment_author') comment.author = value;
        else if (name === 'comment_date_gmt') comment.date = value;
        else if (name === 'comment_content') comment.content = value;
        else if (name === 'comment_id') comment.id = value;
        else if (name === 'comment_parent') comment.parent = value;
        else if (name === 'comment') {
          item.comments.push(comment);
          comment = undefined;
        }
        // comment_author_email and comment_author_IP are never read.
      } else if (!tag.uri && name === 'title') item.title = value;
      else if (!tag.uri && name === 'link') item.link = value.trim();
      else if (name === 'creator' && /purl\.org\/dc/.test(tag.uri)) item.creator = value.trim();
      else if (name === 'encoded' && /purl\.org\/rss\/1\.0\/modules\/content/.test(tag.uri)) item.content = value;
      else if (name === 'encoded' && /excerpt/.test(tag.uri)) item.excerpt = value;
      else if (wp && name === 'post_id') item.postId = value.trim();
      else if (wp && name === 'post_date_gmt') item.postDateGmt = value.trim();
      else if (wp && name === 'post_name') item.postName = value.trim();
      else if (wp && name === 'status') item.status = value.trim();
      else if (wp && name === 'post_type') item.postType = value.trim();
      else if (wp && name === 'post_password') item.password = value;
      else if (wp && name === 'post_parent') item.parent = value.trim();
      else if (wp && name === 'is_sticky') item.sticky = value.trim() === '1';
      else if (wp && name === 'attachment_url') item.attachmentUrl = value.trim();
      else if (!tag.uri && name === 'category') {
        const c = item.categories.at(-1);
        if (c) c.name = value.trim();
      } else if (!tag.uri && name === 'item') {
        queue.push(item);
        item = undefined;
      }
    }
  });

  const decoder = new TextDecoder('utf-8', { fatal: true });
  let channelSent = false;
  let bytes = 0;
  const drain = async () => {
    while (queue.length) {
      if (!channelSent) {
        if (!channel.version) throw new WxrError(msg('newsImport.wxr.noVersionBeforeItem'));
        channelSent = true;
        await handlers.onChannel(channel);
      }
      await handlers.onItem(queue.shift()!);
    }
  };
  for await (const chunk of input) {
    let s: string;
    try {
      s = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      throw new WxrError(msg('newsImport.wxr.notUtf8', { byte: bytes, line: parser.line }));
    }
    bytes += (chunk as Buffer).length;
    handlers.onBytes?.(bytes);
    parser.write(s);
    if (failure) throw failure;
    await drain();
  }
  try {
    decoder.decode();
  } catch {
    throw new WxrError(msg('newsImport.wxr.cutChar'));
  }
  parser.close();
  if (failure) throw failure;
  if (!sawRss) throw new WxrError(msg('newsImport.wxr.noRss'));
  if (!channel.version) throw new WxrError(msg('newsImport.wxr.noVersion'));
  await drain();
  if (!channelSent) await handlers.onChannel(channel);
  return channel;
}
