import { formatShort, spansYears } from '../events/format.js';
import type { EventRow } from '../events/service.js';
import { Localized, localized } from '../web/content.js';
import type { FormErrors } from '../web/forms.js';
import type { PageContext } from '../web/page.js';

/**
 * The events an expense may be for, as the organiser knows them: a day-first date (with the year
 * when the list runs over two) and the title in the page's language.
 */
export function EventChoices({ ctx, events, errors }: { ctx: PageContext; events: EventRow[]; errors?: FormErrors }) {
  const { t, locale } = ctx;
  const withYear = spansYears(events.map((e) => e.startsAt)) || undefined;
  return (
    <fieldset>
      <legend>{t('expenses.event')}</legend>
      {events.map((e) => (
        <label>
          <input type="checkbox" name="events" value={e.id} />{' '}
          {`${formatShort(e.startsAt, e.timeZone, locale, { withYear })} · `}
          <Localized value={localized(e, 'title', locale)} t={t} marker={false} />
        </label>
      ))}
      {errors?.events ? <p class="field-error">{errors.events}</p> : null}
    </fieldset>
  );
}
