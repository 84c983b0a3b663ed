import { localizedQuestion, pad, wallClock } from '../events/service.js';
import { toCsv } from '../web/csv.js';
import { translator, type Locale } from '../web/i18n.js';

type Listed = {
  status: string;
  name: string;
  email: string;
  createdAt: Date;
  checkedInAt: Date | null;
  answers: Record<string, string>;
};

/** An event's registration list as the organisers export it, answers as one column per question. */
export function registrationsCsv(
  event: { endsAt: Date; questions: { id: string; label: string }[] },
  rows: Listed[],
  now = new Date(),
): string {
  let waiting = 0;
  const ended = event.endsAt <= now;
  const body = rows.map((r) => [
    r.name,
    r.email,
    r.status,
    r.status === 'waitlisted' ? ++waiting : '',
    r.createdAt.toISOString(),
    r.checkedInAt?.toISOString() ?? '',
    r.checkedInAt ? 'attended' : r.status === 'confirmed' && ended ? 'no-show' : '',
    ...event.questions.map((q) => r.answers[q.id] ?? ''),
  ]);
  const header = [
    'name',
    'email',
    'status',
    'waitlist_position',
    'registered_at',
    'checked_in_at',
    'attendance',
    ...event.questions.map((q) => q.label),
  ];
  return toCsv([header, ...body]);
}

/** "2027-03-04 18:30": the event's own clock, a form Excel reads as a date and time in any locale. */
const localTime = (d: Date | null, tz: string) => {
  if (!d) return '';
  const w = wallClock(d, tz);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
};

type Question = Parameters<typeof localizedQuestion>[0];

/**
 * The same list for people who double-click it: UTF-8 with a byte-order mark (without it Excel
 * reads "Amélie" as "AmÃ©lie"), ";" as separator in French and Dutch (Excel's list separator
 * there), headers and statuses in the viewer's language, times on the event's clock. Question
 * labels and chosen answers too, as the organisers translated them; a label they did not
 * translate stays the original, marked "(original in French)".
 */
export function registrationsSpreadsheetCsv(
  event: { endsAt: Date; timeZone: string; language: string; questions: Question[] },
  rows: Listed[],
  locale: Locale,
  now = new Date(),
): string {
  const t = translator(locale);
  let waiting = 0;
  const ended = event.endsAt <= now;
  const status = (s: string) =>
    s === 'confirmed' || s === 'waitlisted' || s === 'cancelled' ? t(`csv.status.${s}`) : s;
  const questions = event.questions.map((q) => ({ id: q.id, ...localizedQuestion(q, event.language, locale) }));
  const body = rows.map((r) => [
    r.name,
    r.email,
    status(r.status),
    r.status === 'waitlisted' ? ++waiting : '',
    localTime(r.createdAt, event.timeZone),
    localTime(r.checkedInAt, event.timeZone),
    r.checkedInAt ? t('csv.attended') : r.status === 'confirmed' && ended ? t('csv.noShow') : '',
    ...questions.map((q) => {
      const answer = r.answers[q.id] ?? '';
      return q.choices.find((c) => c.value === answer)?.text ?? answer;
    }),
  ]);
  const header = [
    t('csv.name'),
    t('csv.email'),
    t('csv.status'),
    t('csv.waitlistPosition'),
    t('csv.registeredAt'),
    t('csv.checkedInAt'),
    t('csv.attendance'),
    ...questions.map(({ label }) =>
      label.fallback ? `${label.text} ${t('content.originalIn', { language: label.lang })}` : label.text,
    ),
  ];
  return `\uFEFF${toCsv([header, ...body], locale === 'en' ? ',' : ';')}`;
}
