import type { Tx } from '../db/connection.js';
import { corrections } from '../error-reports/service.js';
import type { PageContext } from '../web/page.js';
import { formatDay } from './format.js';

// "Report an error" on an event page, as on articles (src/error-reports): the dated public
// corrections organisers accepted, then the link (a selection in the description, data-report-body,
// is quoted by Ctrl+Enter or, on a phone, by the link that appears: see error-reports/pages.tsx).

export const eventCorrections = (db: Tx, eventId: string) => corrections(db, { eventId });

export function ReportSection({
  ctx,
  eventId,
  notes,
}: {
  ctx: PageContext;
  eventId: string;
  notes: { text: string; date: Date }[];
}) {
  const { t } = ctx;
  const day = (d: Date) => formatDay(d, ctx.locale, 'long');
  return (
    <>
      {notes.length ? (
        <section aria-labelledby="corrections" class="corrections">
          <h2 id="corrections">{t('report.corrections')}</h2>
          <ul>
            {notes.map((n) => (
              <li>
                <strong>{t('report.correctedOn', { date: day(n.date) })}</strong> — {n.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p class="report">
        <a href={`/events/${eventId}/report`} data-report="1">
          {t('report.link')}
        </a>{' '}
        <span class="muted">{t('report.hint')}</span>{' '}
        <a href={`/events/${eventId}/report`} class="report-quote button" data-report-quote="1" hidden>
          {t('report.quoteSelection')}
        </a>
      </p>
      <script src="/assets/report-error.js" defer />
    </>
  );
}
