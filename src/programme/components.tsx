import type { PageContext } from '../web/page.js';
import { formatTime } from '../events/format.js';

interface Entry {
  id: string;
  title: string;
  abstract: string;
  language: string;
  startsAt: Date;
  endsAt: Date;
  room: { name: string } | null;
  speakers: { name: string; slug: string }[];
}

/** The programme on an event page: time, title, speakers (linked to their profiles), room and language. */
export function ProgrammeSection({
  ctx,
  programme,
  timeZone,
}: {
  ctx: PageContext;
  programme: Entry[];
  timeZone: string;
}) {
  if (!programme.length) return null;
  const hm = (d: Date) => formatTime(d, ctx.locale, timeZone);
  return (
    <section>
      <h2>{ctx.t('programme.title')}</h2>
      <ol class="programme">
        {programme.map((e) => (
          <li>
            <time dateTime={e.startsAt.toISOString()}>{hm(e.startsAt)}</time>–
            <time dateTime={e.endsAt.toISOString()}>{hm(e.endsAt)}</time> <strong>{e.title}</strong>
            {e.speakers.length ? (
              <>
                {' — '}
                {e.speakers.map((s, i) => (
                  <>
                    {i ? ', ' : ''}
                    <a href={`/speakers/${s.slug}`}>{s.name}</a>
                  </>
                ))}
              </>
            ) : null}
            {e.room ? ` · ${e.room.name}` : ''} · {e.language.toUpperCase()} ·{' '}
            <a href={`/sessions/${e.id}.ics`}>.ics</a>
            {e.abstract ? <p class="muted">{e.abstract}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
