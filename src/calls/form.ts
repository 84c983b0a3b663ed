import { parse, stringify } from 'yaml';
import { fromWallClock, localString, parseLocal } from '../events/service.js';
import type { FormValues } from '../web/forms.js';
import type { CallRow, StageRow } from './queries.js';
import type { CallRules } from './schemas.js';

/**
 * The call form, as flat strings a browser sends, and back. Times are wall-clock in
 * Europe/Brussels (what an organiser means by "closes at noon"), money in euros (cents inside).
 * Eligibility questions, form fields and criteria are lists of lists (a criterion holds its
 * scale, each label in three languages): they are edited as one YAML text, checked by the same
 * schema as the API.
 */
export const ZONE = 'Europe/Brussels';
const LANGS = ['fr', 'nl', 'en'] as const;
export const STAGE_ROWS = 3;

const scale = [1, 2, 3, 4, 5].map((value, i) => ({
  value,
  label: {
    fr: ['faible', 'passable', 'bon', 'très bon', 'excellent'][i]!,
    nl: ['zwak', 'matig', 'goed', 'zeer goed', 'uitstekend'][i]!,
    en: ['weak', 'fair', 'good', 'very good', 'excellent'][i]!,
  },
}));
/** What a new call starts from: one eligibility question, a summary, two criteria on a 1–5 scale. */
export const STARTER_LISTS = {
  eligibility: [
    {
      key: 'based_in_belgium',
      label: { fr: 'Basé en Belgique', nl: 'Gevestigd in België', en: 'Based in Belgium' },
      hardGate: true,
    },
  ],
  fields: [
    {
      key: 'summary',
      kind: 'long_text',
      label: { fr: 'Résumé', nl: 'Samenvatting', en: 'Summary' },
      required: true,
      maxLength: 5000,
    },
  ],
  criteria: [
    { key: 'impact', label: { fr: 'Impact', nl: 'Impact', en: 'Impact' }, weight: 2, scale },
    { key: 'feasibility', label: { fr: 'Faisabilité', nl: 'Haalbaarheid', en: 'Feasibility' }, weight: 1, scale },
  ],
};

const euros = (cents: number | null | undefined) => (cents == null ? '' : String(cents / 100));
const cents = (s: string | undefined) => {
  const v = (s ?? '').replace(/[\s €]/g, '').replace(',', '.');
  if (!v) return null;
  return /^\d+(\.\d{1,2})?$/.test(v) ? Math.round(Number(v) * 100) : v;
};
const int = (s: string | undefined) => {
  const v = (s ?? '').trim();
  return v === '' ? undefined : /^-?\d+$/.test(v) ? Number(v) : v;
};
const instant = (s: string | undefined) => {
  if (!s?.trim()) return undefined;
  try {
    return fromWallClock(parseLocal(s.trim()), ZONE).toISOString();
  } catch {
    return s;
  }
};

/** The form's values for a call (or a new one). */
export function callValues(call?: CallRow, stages: StageRow[] = []): FormValues {
  const rules: Partial<CallRules> = call?.rules ?? {};
  const v: FormValues = {
    kind: call?.kind ?? 'projects',
    opensAt: call ? localString(call.opensAt, ZONE) : '',
    closesAt: call ? localString(call.closesAt, ZONE) : '',
    places: rules.places ? String(rules.places) : '',
    budget: euros(rules.budgetCents),
    tiers: (rules.tiers ?? []).map((t) => `${t.count} × ${t.amountCents / 100}`).join('\n'),
    tieBreak: rules.tieBreak ?? 'earliest_submission',
    tieBreakCriterion: rules.tieBreakCriterion ?? '',
    rankBy: rules.rankBy ?? 'raw',
    reviewsPerSubmission: String(rules.reviewsPerSubmission ?? 3),
    appealDays: String(rules.appealDays ?? 14),
    softConflictsMayReview: (rules.softConflictsMayReview ?? true) ? 'yes' : '',
    lists: stringify(
      call ? { eligibility: rules.eligibility, fields: rules.fields, criteria: rules.criteria } : STARTER_LISTS,
    ),
  };
  for (const l of LANGS) {
    v[`title.${l}`] = call?.title[l] ?? '';
    v[`description.${l}`] = call?.description[l] ?? '';
    v[`conflictPolicy.${l}`] = rules.conflictPolicy?.[l] ?? '';
  }
  for (let i = 0; i < STAGE_ROWS; i++) {
    v[`stage${i}.name`] = stages[i]?.name ?? (call || i ? '' : 'Selection');
    v[`stage${i}.blind`] = stages[i]?.blind ? 'yes' : '';
  }
  return v;
}

/** The API's input from the form's values: the schema then says what is wrong, field by field. */
export function callInput(v: FormValues, previous?: CallRules): Record<string, unknown> {
  let lists: unknown;
  try {
    lists = parse(v.lists ?? '') ?? {};
  } catch {
    lists = 'not YAML';
  }
  const l = (lists && typeof lists === 'object' ? lists : {}) as Record<string, unknown>;
  const tiers = (v.tiers ?? '')
    .split(/\r?\n/)
    .filter((x) => x.trim())
    .map((line) => {
      const m = /^\s*(\d+)\s*[x×*]\s*([\d\s.,]+)\s*€?\s*$/.exec(line);
      return m ? { count: Number(m[1]), amountCents: cents(m[2]) } : { count: line, amountCents: 0 };
    });
  const tri = (prefix: string) => Object.fromEntries(LANGS.map((x) => [x, v[`${prefix}.${x}`] ?? '']));
  return {
    title: tri('title'),
    description: tri('description'),
    opensAt: instant(v.opensAt),
    closesAt: instant(v.closesAt),
    rules: {
      ...previous,
      eligibility: l.eligibility ?? [],
      fields: l.fields ?? [],
      criteria: l.criteria,
      places: int(v.places) ?? null,
      budgetCents: cents(v.budget),
      tiers,
      tieBreak: v.tieBreak,
      ...(v.tieBreakCriterion?.trim() ? { tieBreakCriterion: v.tieBreakCriterion.trim() } : {}),
      rankBy: v.rankBy,
      reviewsPerSubmission: int(v.reviewsPerSubmission),
      appealDays: int(v.appealDays),
      softConflictsMayReview: v.softConflictsMayReview === 'yes',
      conflictPolicy: tri('conflictPolicy'),
    },
  };
}

/** New calls also choose their kind, owner and stages (fixed once made). */
export function newCallInput(v: FormValues): Record<string, unknown> {
  const stages = Array.from({ length: STAGE_ROWS }, (_, i) => ({
    name: (v[`stage${i}.name`] ?? '').trim(),
    blind: v[`stage${i}.blind`] === 'yes',
  })).filter((s) => s.name);
  return {
    ...callInput(v),
    kind: v.kind,
    ...(v.chapter?.trim() ? { chapter: v.chapter.trim() } : {}),
    ...(v.eventId?.trim() ? { eventId: v.eventId.trim() } : {}),
    ...(v.slug?.trim() ? { slug: v.slug.trim() } : {}),
    stages,
  };
}

/** An error's field as the form names it: the lists' errors go to the YAML text, rules' to their input. */
export function formField(path: string): string {
  const m = /^rules\.(eligibility|fields|criteria)\b/.exec(path);
  if (m || path === 'rules') return 'lists';
  if (path.startsWith('rules.budgetCents')) return 'budget';
  if (path.startsWith('rules.tiers')) return 'tiers';
  if (path.startsWith('rules.conflictPolicy.')) return path.slice(6);
  if (path.startsWith('rules.')) return path.slice(6).split('.')[0]!;
  const s = /^stages\.(\d+)\.(\w+)/.exec(path);
  if (s) return `stage${s[1]}.${s[2]}`;
  return path;
}
