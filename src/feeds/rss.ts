import { xmlText } from './xml.js';

/** RSS 2.0 (with Atom's rel="self", which feed validators ask for); every link absolute. */

export interface RssChannel {
  title: string;
  link: string;
  selfUrl: string;
  description: string;
  language: string;
  lastBuildDate: Date | undefined;
}
export interface RssItem {
  title: string;
  link: string;
  pubDate: Date;
  descriptionHtml: string;
  category: string;
  /** The language of the item's texts: the reader's, or the original's when not translated. */
  language: string;
}

export function renderRss(channel: RssChannel, items: RssItem[]): string {
  const el = (name: string, text: string) => `<${name}>${xmlText(text)}</${name}>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    el('title', channel.title),
    el('link', channel.link),
    el('description', channel.description),
    el('language', channel.language),
    ...(channel.lastBuildDate ? [el('lastBuildDate', channel.lastBuildDate.toUTCString())] : []),
    `<atom:link href="${xmlText(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items.map((i) =>
      [
        '<item>',
        el('title', i.title),
        el('link', i.link),
        `<guid isPermaLink="true">${xmlText(i.link)}</guid>`,
        el('pubDate', i.pubDate.toUTCString()),
        el('category', i.category),
        // RSS 2.0 has a language per channel only; Dublin Core's says it per item (as WordPress does).
        el('dc:language', i.language),
        // HTML inside RSS travels as escaped text.
        el('description', i.descriptionHtml),
        '</item>',
      ].join('\n'),
    ),
    '</channel>',
    '</rss>',
    '',
  ];
  return lines.join('\n');
}
