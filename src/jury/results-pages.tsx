import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as calls from '../calls/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { confirmAcceptance, draftDecisions, previewDecisions, sendDecisions, stageResults } from './decisions.js';
import { TableWrap } from '../web/table-wrap.js';

const num = (x: number | null, l: 'fr' | 'nl' | 'en') => (x === null ? '—' : calls.formatNumber(x, l));

/** The deliberation page for call managers, and the laureate's confirmation page. */
export function resultPages(app: FastifyInstance, db: Db, config: Config): void {
  app.get('/calls/:slug/results', async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const { slug } = req.params as { slug: string };
    const stage = Number((req.query as { stage?: string }).stage) || undefined;
    const r = await stageResults(db, req.network, req.user, slug, stage);
    const res = r.results;
    const ranked = res.items;
    const funded = ranked.filter((x) => x.selected).sort((a, b) => a.fundedOrder! - b.fundedOrder!);
    const titleOf = (id: string) => r.subs.find((s) => s.id === id)?.title ?? id;
    const rankOnly = Object.entries(res.normalisation).filter(([, m]) => m === 'rank').length;
    const base = `/calls/${r.call.slug}/results?stage=${r.stage.position}`;
    const sent = r.decisions.some((d) => d.status === 'sent');
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('results.title', { title: r.call.title[locale] })}>
        <h1>{t('results.title', { title: r.call.title[locale] })}</h1>
        <p>
          {r.stage.name} · {t(r.call.rules.rankBy === 'raw' ? 'calls.rankBy.raw' : 'calls.rankBy.normalised')} ·{' '}
          {t(`calls.tieBreak.${r.call.rules.tieBreak}`)}
        </p>
        {rankOnly ? <p class="notice">{t('results.rankFallback', { count: rankOnly })}</p> : null}
        {res.cutLineTie ? <p class="notice">{t('results.cutLineTie')}</p> : null}
        <p class={res.selectionDiffers.onlyRaw.length ? 'notice' : ''}>
          {res.selectionDiffers.onlyRaw.length
            ? t('results.differs', {
                raw: res.selectionDiffers.onlyRaw.map(titleOf).join(', '),
                normalised: res.selectionDiffers.onlyNormalised.map(titleOf).join(', '),
              })
            : t('results.same')}
        </p>
        <TableWrap>
          <table>
            <caption>{t('results.ranking')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('subs.titleField')}</th>
                <th scope="col">{t('results.raw')}</th>
                <th scope="col">{t('results.normalised')}</th>
                {r.call.rules.criteria.map((c) => (
                  <th scope="col">{`${c.label[locale]}${c.independent ? ' *' : ''}`}</th>
                ))}
                <th scope="col">{t('results.reviews')}</th>
                <th scope="col">{t('results.spread')}</th>
                <th scope="col">{t('results.selected')}</th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((x) => (
                <tr>
                  <td>{x.rank}</td>
                  <td>
                    {titleOf(x.submissionId)}
                    {x.tied ? ` (${t('results.tied')})` : ''}
                    {x.controversial ? ` (${t('results.controversial')})` : ''}
                  </td>
                  <td>{num(x.rawMean, locale)}</td>
                  <td>{num(x.normalisedScore, locale)}</td>
                  {r.call.rules.criteria.map((c) => {
                    const v = x.perCriterion[c.key] ?? x.independent[c.key];
                    return <td>{`${num(v?.mean ?? null, locale)} / ${v?.median ?? '—'}`}</td>;
                  })}
                  <td>{x.reviewCount}</td>
                  <td>{num(x.spread, locale)}</td>
                  <td>
                    {x.selected ? (x.amountCents ? calls.formatEuros(x.amountCents, locale) : t('results.yes')) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <p class="help">{t('results.legend')}</p>
        <h2>{t('results.funded')}</h2>
        <ol>
          {funded.map((x) => (
            <li>
              {titleOf(x.submissionId)} — {t('results.rankN', { rank: x.rank })}
              {x.amountCents ? ` — ${calls.formatEuros(x.amountCents, locale)}` : ''}
            </li>
          ))}
        </ol>
        <p>{t('results.total', { amount: calls.formatEuros(res.totalAwardedCents, locale) })}</p>
        <h2>{t('results.decisions')}</h2>
        <p>
          {r.decisions.length
            ? t('results.decisionState', { count: r.decisions.length, status: r.decisions[0]!.status })
            : t('results.noDecisions')}
        </p>
        {sent ? null : (
          <>
            <form
              method="post"
              action={`/calls/${r.call.slug}/results/draft?stage=${r.stage.position}`}
              class="inline"
              novalidate
            >
              <CsrfField ctx={ctx} />
              <button type="submit" class="secondary">
                {t('results.draft')}
              </button>
            </form>{' '}
            {r.decisions.length ? (
              <form
                method="post"
                action={`/calls/${r.call.slug}/results/preview?stage=${r.stage.position}`}
                class="inline"
                novalidate
              >
                <CsrfField ctx={ctx} />
                <button type="submit" class="secondary">
                  {t('results.preview')}
                </button>
              </form>
            ) : null}{' '}
            {r.decisions.length && r.decisions.every((d) => d.status === 'previewed') ? (
              <form
                method="post"
                action={`/calls/${r.call.slug}/results/send?stage=${r.stage.position}`}
                class="inline"
                novalidate
              >
                <CsrfField ctx={ctx} />
                <button type="submit">{t('results.send')}</button>
              </form>
            ) : null}
          </>
        )}
        <h2>{t('results.exports')}</h2>
        <ul>
          {(['xlsx', 'csv', 'pdf'] as const).map((f) => (
            <li>
              <a href={`/api/v1/calls/${r.call.id}/report?format=${f}&stage=${r.stage.position}`}>{f.toUpperCase()}</a>
            </li>
          ))}
          <li>
            <a href={`/api/v1/calls/${r.call.id}/report?format=csv&anonymised=true&stage=${r.stage.position}`}>
              {t('results.anonymised')}
            </a>
          </li>
        </ul>
        <p>
          <a href={base}>{t('results.refresh')}</a> ·{' '}
          <a href={`/calls/${r.call.slug}/appeals`}>{t('jury.appeal.link')}</a> ·{' '}
          <a href={`/calls/${r.call.slug}/jury?stage=${r.stage.position}`}>{t('calls.edit.jury')}</a>
        </p>
      </Layout>,
    );
  });

  const post = (
    path: string,
    act: (callId: string, stage: number | undefined, req: FastifyRequest) => Promise<unknown>,
  ) =>
    app.post(`/calls/:slug/results/${path}`, { preHandler: app.csrfProtection }, async (req, reply) => {
      const { slug } = req.params as { slug: string };
      const stage = Number((req.query as { stage?: string }).stage) || undefined;
      const call = await calls.findCall(db, req.network, slug);
      await act(call.id, stage, req);
      return reply.redirect(`/calls/${slug}/results?stage=${stage ?? ''}&done=saved`, 303);
    });
  post('draft', (id, stage, req) => draftDecisions(db, req.network, req.user, id, { stage }));
  post('preview', (id, stage, req) => previewDecisions(db, req.network, req.user, id, stage));
  post('send', (id, stage, req) => sendDecisions(db, req.network, req.user, id, { stage, baseUrl: config.baseUrl }));

  app.get('/decisions/confirm/:token', async (req, reply) => {
    const ctx = pageContext(req, reply);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={ctx.t('results.confirmTitle')}>
        <h1>{ctx.t('results.confirmTitle')}</h1>
        <form method="post" action={`/decisions/confirm/${(req.params as { token: string }).token}`} novalidate>
          <CsrfField ctx={ctx} />
          <button type="submit">{ctx.t('results.confirm')}</button>
        </form>
      </Layout>,
    );
  });
  app.post('/decisions/confirm/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { call } = await confirmAcceptance(db, req.network, (req.params as { token: string }).token);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={ctx.t('results.confirmTitle')}>
        <h1>{ctx.t('results.confirmed')}</h1>
        <p>
          <a href={`/calls/${call.slug}`}>{call.title[ctx.locale]}</a>
        </p>
      </Layout>,
    );
  });
}
