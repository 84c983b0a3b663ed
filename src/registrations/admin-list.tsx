import type { PageContext } from '../web/page.js';
import { Field, Select } from '../web/forms.js';
import type { RegistrationRow } from './queries.js';

/** The organisers' filter on an event's registrations: words in the name or address, and a status. */
export interface ListFilter {
  q: string;
  status: '' | 'confirmed' | 'waitlisted' | 'cancelled' | 'checkedIn';
}

const statuses = ['confirmed', 'waitlisted', 'cancelled', 'checkedIn'] as const;

export function readListFilter(query: unknown): ListFilter {
  const raw = (query ?? {}) as Record<string, unknown>;
  const q = typeof raw.q === 'string' ? raw.q.trim().slice(0, 100) : '';
  const status = statuses.find((s) => s === raw.status) ?? '';
  return { q, status };
}

/**
 * Whether a registration passes the filter: its status, and among `found` (the registrations the
 * words matched, searched in SQL as the door searches: "amelie" finds "Amélie") when words were given.
 */
export function matches(r: RegistrationRow, f: ListFilter, found: Set<string> | undefined): boolean {
  if (f.status === 'checkedIn' ? !r.checkedInAt : f.status && r.status !== f.status) return false;
  return found ? found.has(r.id) : true;
}

/** "50 confirmed · 24 on the waiting list · 3 cancelled · 12 checked in": the whole list, not the filtered one. */
export function countsOf(list: RegistrationRow[]) {
  return {
    confirmed: list.filter((r) => r.status === 'confirmed').length,
    waitlisted: list.filter((r) => r.status === 'waitlisted').length,
    cancelled: list.filter((r) => r.status === 'cancelled').length,
    checkedIn: list.filter((r) => r.checkedInAt).length,
  };
}

export function ListFilterForm({
  ctx,
  action,
  filter,
  counts,
  shown,
  total,
}: {
  ctx: PageContext;
  action: string;
  filter: ListFilter;
  counts: ReturnType<typeof countsOf>;
  shown: number;
  total: number;
}) {
  const { t } = ctx;
  const filtered = filter.q !== '' || filter.status !== '';
  return (
    <>
      <p id="registration-counts">
        <strong>{t('registrations.counts', counts)}</strong>
      </p>
      <form method="get" action={action} role="search" class="filters">
        <Field name="q" type="search" label={t('registrations.search')} values={{ q: filter.q }} />
        <Select
          name="status"
          label={t('registrations.filterStatus')}
          values={{ status: filter.status }}
          options={[
            { value: '', label: t('registrations.filterAll') },
            { value: 'confirmed', label: t('registration.confirmed') },
            { value: 'waitlisted', label: t('registration.waitlisted') },
            { value: 'cancelled', label: t('registration.cancelled') },
            { value: 'checkedIn', label: t('registrations.filterCheckedIn') },
          ]}
        />
        <div>
          <button type="submit">{t('registrations.filterSubmit')}</button>
        </div>
      </form>
      {filtered ? (
        <p role="status">{shown ? t('registrations.shown', { shown, total }) : t('registrations.noMatch')}</p>
      ) : null}
    </>
  );
}
