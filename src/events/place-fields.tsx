import type { RoomRow, VenueRow } from '../venues/service.js';
import { type FormErrors, type FormValues, Select } from '../web/forms.js';
import type { PageContext } from '../web/page.js';

// Where an event takes place, on the event form: a venue (or "online only", never chosen for the
// organiser), and a room among that venue's rooms.

/** The venue select's value for "no venue, online only": parentheses never occur in a slug. */
export const ONLINE_ONLY = '(online)';

/** The form's venue value → the API's `venue`: a slug, or null (online only, or nothing chosen). */
export const venueInput = (value: string | undefined): string | null => (value && value !== ONLINE_ONLY ? value : null);

/**
 * Rooms grouped by venue, each group named by its venue: without JavaScript every room is listed
 * under its venue (the server refuses a room of another venue); /assets/event-form.js shows only
 * the chosen venue's group.
 */
export function PlaceFields({
  ctx,
  venues,
  rooms,
  values,
  errors,
}: {
  ctx: PageContext;
  venues: VenueRow[];
  rooms: Map<string, RoomRow[]>;
  values: FormValues;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  const error = errors?.room;
  const describedBy = ['f-room-help', error ? 'f-room-error' : ''].filter(Boolean).join(' ');
  return (
    <>
      <Select
        name="venue"
        label={t('field.venue')}
        values={values}
        errors={errors}
        options={[
          { value: '', label: t('event.form.choosePlace') },
          { value: ONLINE_ONLY, label: t('event.form.onlineOnly') },
          ...venues.map((v) => ({ value: v.slug, label: `${v.name} (${v.city})` })),
        ]}
      />
      <div>
        <label htmlFor="f-room">{t('field.room')}</label>
        <select
          id="f-room"
          name="room"
          data-rooms-of="f-venue"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        >
          <option value="">{t('event.form.noRoom')}</option>
          {venues
            .filter((v) => rooms.get(v.id)?.length)
            .map((v) => (
              <optgroup label={v.name} data-venue={v.slug}>
                {rooms.get(v.id)!.map((r) => (
                  <option value={r.name} selected={values.venue === v.slug && values.room === r.name}>
                    {`${r.name} — ${t('venue.seats', { count: r.capacity })}`}
                  </option>
                ))}
              </optgroup>
            ))}
        </select>
        <p class="help" id="f-room-help">
          {t('event.form.roomHelp')}
        </p>
        {error ? (
          <p class="field-error" id="f-room-error">
            {error}
          </p>
        ) : null}
      </div>
      <script src="/assets/event-form.js" defer />
    </>
  );
}

/** Keeps the room select to the chosen venue's group; a room of another venue is unselected. */
export const EVENT_FORM_SCRIPT = `(function () {
  var room = document.querySelector('select[data-rooms-of]');
  if (!room) return;
  var venue = document.getElementById(room.dataset.roomsOf);
  function limit() {
    room.querySelectorAll('optgroup').forEach(function (group) {
      var mine = group.dataset.venue === venue.value;
      group.hidden = !mine;
      group.disabled = !mine;
    });
    var chosen = room.options[room.selectedIndex];
    if (chosen && chosen.parentElement.disabled) room.value = '';
  }
  venue.addEventListener('change', limit);
  limit();
})();
`;
