import { toCsv } from '../web/csv.js';

/** RFC 4180 CSV, formula-safe, numbers kept as numbers: the one writer of web/csv.ts. */
export { toCsv };

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
