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
  const list = (s: string | undefined) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const input: Record<string, unknown> = {
    title: values.title ?? '',
    bodyMarkdown: values.bodyMarkdown ?? '',
    excerpt: values.excerpt ?? '',
    language: values.language || 'fr',
    chapter: values.chapter ? values.chapter : null,
    categories: list(values.categories),
    tags: list(values.tags),
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
