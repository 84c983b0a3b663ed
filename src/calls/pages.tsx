import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connection.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { CallRules } from './components.js';
import { formatInstant } from './format.js';
import * as calls from './service.js';

export function callPages(app: FastifyInstance, db: Db): void {
  app.get('/calls', async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const rows = await calls.listCalls(db, req.network, 100, 0);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('calls.title')}>
        <h1>{t('calls.title')}</h1>
        {ctx.staff ? (
          <p>
            <a class="button" href="/calls/new">
              {t('calls.edit.newCall')}
            </a>
          </p>
        ) : null}
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
        {ctx.staff ? (
          <p>
            <a href={`/calls/${call.slug}/edit`}>{t('calls.edit.edit')}</a> ·{' '}
            <a href={`/calls/${call.slug}/jury`}>{t('calls.edit.jury')}</a> ·{' '}
            <a href={`/calls/${call.slug}/results`}>{t('calls.edit.results')}</a>
          </p>
        ) : null}
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
