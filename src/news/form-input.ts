// The article form's fields read back as the API's input (the same schema validates both).
import { fromWallClock, parseLocal } from '../events/service.js';
import type { FormValues } from '../web/forms.js';

const TZ = 'Europe/Brussels';

export interface UploadedFile {
  bytes: Buffer;
  filename: string;
  truncated: boolean;
}
export type Body = Record<string, string | UploadedFile | undefined>;

/** The form's strings → the API's input: the same schema validates both. */
export function formInput(body: Body): { input: Record<string, unknown>; values: FormValues } {
  const values: FormValues = {};
  for (const [k, v] of Object.entries(body ?? {})) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
  const input: Record<string, unknown> = {
    title: values.title ?? '',
    bodyMarkdown: values.bodyMarkdown ?? '',
    excerpt: values.excerpt ?? '',
    language: values.language || 'fr',
    chapter: values.chapter ? values.chapter : null,
    categories: splitTerms(values.categories),
    tags: splitTerms(values.tags),
    partner: values.partner === 'on',
    status: values.status || 'draft',
    coverAlt: values.coverAlt ?? '',
  };
  // Only the edit form has the box: "no cover" is the update's `cover: null`.
  if (values.removeCover === 'on') input.cover = null;
  if (values.slug?.trim()) input.slug = values.slug.trim();
  if (values.publishAt?.trim()) {
    try {
      input.publishAt = fromWallClock(parseLocal(values.publishAt.trim()), TZ).toISOString();
    } catch {
      input.publishAt = values.publishAt;
    }
  }
  return { input, values };
}

/**
 * A comma-separated list of names, as the editor shows it: a name holding a comma is in double quotes
 * ("Arts, culture"), so it comes back whole.
 */
export function splitTerms(s: string | undefined): string[] {
  const names: string[] = [];
  for (const m of (s ?? '').matchAll(/\s*(?:"([^"]*)"|([^,]*))\s*(?:,|$)/g)) {
    const name = (m[1] ?? m[2] ?? '').trim();
    if (name) names.push(name);
    if (m.index + m[0].length >= (s ?? '').length) break;
  }
  return names;
}

export const joinTerms = (names: string[]) => names.map((n) => (n.includes(',') ? `"${n}"` : n)).join(', ');
