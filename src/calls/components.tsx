import type { PageContext } from '../web/page.js';
import { colon } from '../web/i18n.js';
import { formatEuros } from './format.js';
import type { CallRow, StageRow } from './queries.js';
import type { blindView } from './blind.js';

/**
 * One rendering of the blind view, used for the applicant's preview and for jurors: what the
 * applicant previews is, by construction, what a juror reads.
 */
export function BlindSubmission({
  ctx,
  call,
  view,
  fileHref,
}: {
  ctx: PageContext;
  call: CallRow;
  view: ReturnType<typeof blindView>;
  fileHref: (fileId: string) => string;
}) {
  const { t, locale } = ctx;
  return (
    <article class="blind">
      <h2>{view.title || t('subs.untitled')}</h2>
      <p class="muted">{t('subs.writtenIn', { language: view.language.toUpperCase() })}</p>
      <dl>
        {call.rules.fields
          .filter((f) => f.kind !== 'file')
          .map((f) => {
            const v = view.answers[f.key];
            if (v === undefined || v === null || v === '') return null;
            const shown =
              f.kind === 'amount' && typeof v === 'number'
                ? formatEuros(v, locale)
                : f.kind === 'choice'
                  ? (f.options?.find((o) => o.value === v)?.label[locale] ?? String(v))
                  : Array.isArray(v)
                    ? v.join('\n')
                    : String(v);
            return (
              <>
                <dt>{f.label[locale]}</dt>
                <dd class="pre-wrap">{shown}</dd>
              </>
            );
          })}
      </dl>
      {view.files.length ? (
        <ul>
          {view.files.map((f) => (
            <li>
              <a href={fileHref(f.id)}>{f.name}</a> ({Math.ceil(f.byteSize / 1024)} KB)
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

/** The rules of a call as everyone may read them, before it opens and after. */
export function CallRules({ ctx, call, stages }: { ctx: PageContext; call: CallRow; stages: StageRow[] }) {
  const { t, locale } = ctx;
  const r = call.rules;
  const counted = r.criteria.filter((c) => !c.independent);
  const apart = r.criteria.filter((c) => c.independent);
  const Criteria = ({ list }: { list: typeof r.criteria }) => (
    <ul>
      {list.map((c) => (
        <li>
          <strong>{c.label[locale]}</strong> — {t('calls.weight', { weight: c.weight })}
          {colon(locale)}
          {c.scale.map((s) => `${s.value} ${s.label[locale]}`).join(' · ')}
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <h2>{t('calls.eligibility')}</h2>
      {r.eligibility.length ? (
        <ul>
          {r.eligibility.map((e) => (
            <li>
              {e.label[locale]} {e.hardGate ? `(${t('calls.hardGate')})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('calls.noEligibility')}</p>
      )}
      <h2>{t('calls.form')}</h2>
      <ul>
        {r.fields.map((f) => (
          <li>
            {f.label[locale]} — {t(`calls.kind.${f.kind}`)}
            {f.required ? ` (${t('calls.required')})` : ''}
          </li>
        ))}
      </ul>
      <h2>{t('calls.criteria')}</h2>
      <Criteria list={counted} />
      {apart.length ? (
        <>
          <h3>{t('calls.independentCriteria')}</h3>
          <Criteria list={apart} />
        </>
      ) : null}
      <h2>{t('calls.selection')}</h2>
      <ul>
        {r.places ? <li>{t('calls.places', { count: r.places })}</li> : null}
        {r.budgetCents ? <li>{t('calls.budget', { amount: formatEuros(r.budgetCents, locale) })}</li> : null}
        {r.tiers.map((tier) => (
          <li>{t('calls.tier', { count: tier.count, amount: formatEuros(tier.amountCents, locale) })}</li>
        ))}
        <li>{t(`calls.tieBreak.${r.tieBreak}`)}</li>
        <li>{t(r.rankBy === 'raw' ? 'calls.rankBy.raw' : 'calls.rankBy.normalised')}</li>
        <li>{t('calls.reviewsEach', { count: r.reviewsPerSubmission })}</li>
        <li>{t('calls.appeal', { days: r.appealDays })}</li>
      </ul>
      <h2>{t('calls.stages')}</h2>
      <ol>
        {stages.map((s) => (
          <li>
            {s.name} — {t(s.blind ? 'calls.blind' : 'calls.notBlind')}
          </li>
        ))}
      </ol>
      <h2>{t('calls.conflictPolicy')}</h2>
      <p>{r.conflictPolicy[locale] || t('calls.conflictDefault')}</p>
    </>
  );
}
