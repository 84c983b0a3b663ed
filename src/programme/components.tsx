import type { PageContext } from '../web/page.js';

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
  const hm = new Intl.DateTimeFormat(ctx.locale === 'en' ? 'en-GB' : `${ctx.locale}-BE`, {
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone,
  });
  return (
    <section>
      <h2>{ctx.t('programme.title')}</h2>
      <ol class="programme">
        {programme.map((e) => (
          <li>
            <time dateTime={e.startsAt.toISOString()}>{hm.format(e.startsAt)}</time>–
            <time dateTime={e.endsAt.toISOString()}>{hm.format(e.endsAt)}</time> <strong>{e.title}</strong>
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
