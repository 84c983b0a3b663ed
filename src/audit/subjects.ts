import type { Tx } from '../db/connection.js';
import { localized } from '../web/content.js';
import { eventPath } from '../web/event-path.js';
import type { Locale } from '../web/i18n.js';
import type { AuditEntry } from './queries.js';
import { selectSubjectRows, type SubjectKind, type SubjectRow } from './queries.js';

// The subject column is words written when the act happened ("member 1f…", "call open-one v2"). What
// the entry was about is read back from them and from its details, and named as it is now: the event's
// title in the reader's language, the chapter's name, the member's name — or "deleted" when it is gone.

export interface SubjectRef {
  kind: SubjectKind;
  /** An id for events and members, a slug for chapters, venues and calls. */
  key: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const MEMBER = new RegExp(`^member (${UUID})\\b`);
const CALL = /(?:^|· )call ([a-z0-9][a-z0-9-]*)/;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** What an entry is about, when it can be told; null for subjects that name no thing (a file, an address). */
export function subjectRef(e: Pick<AuditEntry, 'action' | 'subject' | 'details'>): SubjectRef | null {
  const eventId = str(e.details.eventId);
  if (eventId && new RegExp(`^${UUID}$`).test(eventId)) return { kind: 'event', key: eventId };
  const member = MEMBER.exec(e.subject);
  if (member) return { kind: 'member', key: member[1]! };
  const slug = str(e.details.slug);
  if (slug && e.action.startsWith('chapter.')) return { kind: 'chapter', key: slug };
  if (slug && e.action.startsWith('venue.')) return { kind: 'venue', key: slug };
  const call = e.action.startsWith('call.') ? CALL.exec(e.subject) : null;
  if (call) return { kind: 'call', key: call[1]! };
  return null;
}

export interface SubjectName {
  ref: SubjectRef;
  /** Null when the thing no longer exists. */
  name: string | null;
  /** The language of `name` when it is not the reader's (an untranslated original). */
  lang?: Locale;
  href?: string;
}

const refKey = (r: SubjectRef) => `${r.kind}:${r.key}`;

/** The subjects of a page of entries, named in `locale`, in one query; keyed by entry id. */
export async function nameSubjects(db: Tx, networkId: string, entries: AuditEntry[], locale: Locale) {
  return (await nameEntries(db, networkId, entries, locale)).subjects;
}

/** The ids in details that the page names (the others are shortened): whose account, which event. */
const DETAIL_KINDS: Record<string, SubjectKind> = { userId: 'member', eventId: 'event' };
const detailRefs = (e: AuditEntry): SubjectRef[] =>
  Object.entries(e.details).flatMap(([k, v]) =>
    DETAIL_KINDS[k] && typeof v === 'string' && new RegExp(`^${UUID}$`).test(v)
      ? [{ kind: DETAIL_KINDS[k]!, key: v }]
      : [],
  );

/**
 * A page's subjects (keyed by entry id) and the things its details name (`nameOf`: the name, null when
 * deleted), in the reader's language and in one query for the whole page.
 */
export async function nameEntries(db: Tx, networkId: string, entries: AuditEntry[], locale: Locale) {
  const refs = new Map(entries.flatMap((e) => ((r) => (r ? [[e.id, r] as const] : []))(subjectRef(e))));
  const inDetails = entries.flatMap(detailRefs);
  const rows = await selectSubjectRows(db, networkId, [...refs.values(), ...inDetails]);
  const found = new Map(rows.map((r) => [`${r.kind}:${r.key}`, r]));
  const nameOf = (key: string, id: string): string | null | undefined => {
    const kind = DETAIL_KINDS[key];
    if (!kind) return undefined;
    const row = found.get(`${kind}:${id}`);
    return row ? inLocale(row, kind === 'event' ? 'title' : 'name', locale).text : null;
  };
  return { subjects: named(refs, found, locale), nameOf };
}

function named(refs: Map<string, SubjectRef>, found: Map<string, SubjectRow>, locale: Locale) {
  const named = new Map<string, SubjectName>();
  for (const [id, ref] of refs) {
    const row = found.get(refKey(ref));
    if (!row) {
      named.set(id, { ref, name: null });
      continue;
    }
    if (ref.kind === 'call') {
      const titles = (row.translations ?? {}) as Partial<Record<Locale, string>>;
      named.set(id, { ref, name: titles[locale] || row.name, href: `/calls/${ref.key}` });
      continue;
    }
    const text = inLocale(row, ref.kind === 'event' ? 'title' : 'name', locale);
    const href =
      ref.kind === 'event'
        ? eventPath({ id: ref.key, title: row.name })
        : ref.kind === 'member'
          ? row.linkable
            ? `/members/${ref.key}`
            : undefined
          : `/${ref.kind === 'chapter' ? 'chapters' : 'venues'}/${ref.key}`;
    named.set(id, { ref, name: text.text, ...(text.fallback ? { lang: text.lang } : {}), ...(href ? { href } : {}) });
  }
  return named;
}

/** A name in the reader's language: events translate their `title`, chapters and venues their `name`; members have one. */
function inLocale(row: SubjectRow, field: 'title' | 'name', locale: Locale) {
  const translations = Object.fromEntries(
    Object.entries(row.translations ?? {}).map(([lang, fields]) => [lang, { text: fields?.[field] ?? '' }]),
  );
  return localized({ text: row.name, language: row.language ?? locale, translations }, 'text', locale);
}
