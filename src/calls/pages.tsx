import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connection.js';
import { Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { formatEuros, formatInstant } from './format.js';
import type { CallRow, StageRow } from './queries.js';
import * as calls from './service.js';

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
          <strong>{c.label[locale]}</strong> — {t('calls.weight', { weight: c.weight })}:{' '}
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

export function callPages(app: FastifyInstance, db: Db): void {
  app.get('/calls', async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const rows = await calls.listCalls(db, req.network, 100, 0);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('calls.title')}>
        <h1>{t('calls.title')}</h1>
        {rows.length ? (
          <ul class="cards">
            {rows.map((c) => (
              <li>
                <a href={`/calls/${c.slug}`}>{c.title[locale]}</a> — {t(`calls.state.${calls.callState(c)}`)} ·{' '}
                {t('calls.closes', { when: formatInstant(c.closesAt, locale) })}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('calls.none')}</p>
        )}
      </Layout>,
    );
  });

  app.get('/calls/:slug', async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const call = await calls.findCall(db, req.network, (req.params as { slug: string }).slug);
    const stages = await calls.stagesOf(db, call.id);
    const versions = await calls.callVersions(db, call.id);
    const state = calls.callState(call);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={call.title[locale]}>
        <h1>{call.title[locale]}</h1>
        <p>
          {t(call.kind === 'talks' ? 'calls.kind.talks' : 'calls.kind.projects')} · {t(`calls.state.${state}`)} ·{' '}
          {t('calls.version', { version: call.version })}
        </p>
        <p>
          {t('calls.opens', { when: formatInstant(call.opensAt, locale) })} ·{' '}
          {t('calls.closes', { when: formatInstant(call.closesAt, locale) })}
        </p>
        {call.description[locale] ? <p>{call.description[locale]}</p> : null}
        {state === 'open' ? (
          <p>
            <a class="button" href={`/calls/${call.slug}/apply`}>
              {t('calls.apply')}
            </a>
          </p>
        ) : state === 'upcoming' ? (
          <p class="notice">{t('calls.notYetOpen')}</p>
        ) : (
          <p class="notice">{t('calls.closed')}</p>
        )}
        <CallRules ctx={ctx} call={call} stages={stages} />
        {versions.length ? (
          <>
            <h2>{t('calls.history')}</h2>
            <ul>
              {versions.map((v) => (
                <li>
                  {t('calls.version', { version: v.version })} — {formatInstant(v.createdAt, locale)}: {v.reason}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Layout>,
    );
  });
}
