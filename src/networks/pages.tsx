import { LatestNews, latestArticles } from '../news/components.js';
import { listPublicEvents } from '../events/service.js';
import { PublicEventList } from '../events/components.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { MoneyNav } from '../budgets/components.js';
import { InterestForm } from '../chapters/components.js';
import * as chapters from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import * as venues from '../venues/service.js';
import { FeedAlternates } from '../feeds/components.js';
import { Section } from '../web/forms.js';
import { Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { authorize, isAdmin } from '../web/policy.js';
import { regionLabel } from '../web/regions.js';
import { localized, LocalizedName, localizedText, type Translations } from '../web/content.js';
import { TableWrap } from '../web/table-wrap.js';

const publicFile = (name: string) =>
  fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', name));
const css = publicFile('app.css');
const icon = publicFile('icon.svg');

type ChapterRow = chapters.ChapterRow;
type Host = { slug: string; name: string; city: string; language: string; translations: Translations };

function ChapterCard({ ctx, chapter, hosts }: { ctx: PageContext; chapter: ChapterRow; hosts: Host[] }) {
  const { t } = ctx;
  const name = localized(chapter, 'name', ctx.locale);
  return (
    <li class="card" id={`chapter-${chapter.slug}`}>
      <h3>
        <a href={`/chapters/${chapter.slug}`} lang={name.lang === ctx.locale ? undefined : name.lang}>
          {name.text}
        </a>
      </h3>
      <p class="muted">{[chapter.city, regionLabel(chapter.region, ctx.locale)].filter(Boolean).join(' · ')}</p>
      {chapter.status === 'planned' ? (
        <InterestForm ctx={ctx} chapter={chapter} />
      ) : hosts.length ? (
        <p>
          {t('home.hostedBy')}{' '}
          {hosts.map((v, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={`/venues/${v.slug}`}>
                <LocalizedName row={v} t={t} />
              </a>
            </>
          ))}
        </p>
      ) : (
        <p class="muted">{t('home.noHost')}</p>
      )}
    </li>
  );
}

export function networkPages(app: FastifyInstance, db: Db): void {
  app.get('/assets/app.css', { schema: { hide: true } }, (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );
  // The pages name the icon; browsers still ask for /favicon.ico by habit (and feed readers do).
  for (const url of ['/assets/icon.svg', '/favicon.ico'])
    app.get(url, { schema: { hide: true } }, (_req, reply) =>
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(icon),
    );

  app.get('/', async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    // A network has a handful of chapters, not thousands: the home page shows them all.
    const all = await chapters.listChapters(db, req.network, { limit: 500 });
    const hosts = await chapters.hostVenues(
      db,
      req.network,
      all.map((c) => c.id),
    );
    const byStatus = (s: ChapterRow['status']) =>
      all
        .filter((c) => c.status === s)
        .sort((a, b) =>
          localizedText(a, 'name', ctx.locale).localeCompare(localizedText(b, 'name', ctx.locale), ctx.locale),
        );
    const cards = (list: ChapterRow[]) => (
      <ul class="cards">
        {list.map((c) => (
          <ChapterCard ctx={ctx} chapter={c} hosts={hosts.get(c.id) ?? []} />
        ))}
      </ul>
    );
    const next = await listPublicEvents(db, req.network, { from: new Date(), limit: 5, offset: 0 });
    const active = byStatus('active');
    const planned = byStatus('planned');
    const paused = byStatus('paused');
    const latestNews = await latestArticles(db, req.network, ctx.locale);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('nav.home')} head={<FeedAlternates ctx={ctx} />}>
        <h1>{t('home.title', { network: req.network.name })}</h1>
        <p>{t('home.intro')}</p>
        <Section title={t('events.list.next')}>
          {next.length ? <PublicEventList ctx={ctx} list={next} /> : <p class="muted">{t('events.list.none')}</p>}
          <p>
            <a href="/events">{t('events.list.seeAll')}</a>
          </p>
        </Section>
        <Section title={t('home.active')}>
          {active.length ? cards(active) : <p class="muted">{t('home.noChapters')}</p>}
        </Section>
        {planned.length ? (
          <Section title={t('home.planned')}>
            <p>{t('home.plannedIntro')}</p>
            {cards(planned)}
          </Section>
        ) : null}
        {paused.length ? <Section title={t('home.paused')}>{cards(paused)}</Section> : null}
        <LatestNews ctx={ctx} views={latestNews} more="/news" />
      </Layout>,
    );
  });

  app.get('/admin', async (req, reply) => {
    authorize(req.user, true, 'see the administration');
    const user = req.user;
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const admin = isAdmin(user);
    const myChapters = admin
      ? await chapters.listChapters(db, req.network, { limit: 500 })
      : await chapters.chaptersOrganizedBy(db, req.network, user.id);
    const myVenues = admin
      ? await venues.listVenues(db, req.network, { limit: 500 })
      : await venues.venuesManagedBy(db, req.network, user.id);
    // A member who runs nothing has no administration: their page is /me (sign-in lands here first).
    if (!admin && myChapters.length === 0 && myVenues.length === 0) return reply.redirect('/me', 303);
    // Someone who manages one venue and runs no chapter comes for that venue's figures: land there.
    if (!admin && myChapters.length === 0 && myVenues.length === 1)
      return reply.redirect(`/venues/${myVenues[0]!.slug}/manage`, 303);
    const interest = admin
      ? await chapters.interestCounts(
          db,
          req.network,
          myChapters.map((c) => c.id),
        )
      : new Map<string, number>();
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('admin.title')}>
        <h1>{t('admin.title')}</h1>
        <Section title={admin ? t('admin.chapters') : t('admin.yourChapters')}>
          {myChapters.length ? (
            <TableWrap>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('field.name')}</th>
                    {admin ? <th scope="col">{t('field.status')}</th> : null}
                    {admin ? <th scope="col">{t('admin.interest')}</th> : null}
                    <td />
                  </tr>
                </thead>
                <tbody>
                  {myChapters.map((c) => (
                    <tr>
                      <td>
                        <a href={`/chapters/${c.slug}`}>{c.name}</a>
                      </td>
                      {admin ? <td>{t(`status.${(c as ChapterRow).status}`)}</td> : null}
                      {admin ? <td>{interest.get(c.id) ?? 0}</td> : null}
                      <td>
                        <a href={`/admin/chapters/${c.slug}`} aria-label={`${t('admin.edit')} ${c.name}`}>
                          {t('admin.edit')}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : (
            <p class="muted">{t('admin.nothing')}</p>
          )}
          {admin ? (
            <p>
              <a href="/admin/chapters/new">{t('admin.newChapter')}</a>
            </p>
          ) : null}
        </Section>
        <MoneyNav ctx={ctx} />
        <Section title={admin ? t('admin.venues') : t('admin.yourVenues')}>
          {myVenues.length ? (
            <ul>
              {myVenues.map((v) => (
                <li>
                  <a href={`/venues/${v.slug}`}>{v.name}</a> ·{' '}
                  <a href={`/venues/${v.slug}/manage`}>{t('consent.manage.link')}</a> ·{' '}
                  <a href={`/admin/venues/${v.slug}`} aria-label={`${t('admin.edit')} ${v.name}`}>
                    {t('admin.edit')}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('admin.nothing')}</p>
          )}
          {admin ? (
            <p>
              <a href="/admin/venues/new">{t('admin.newVenue')}</a>
            </p>
          ) : null}
        </Section>
        <p>
          <a href="/me/calendar">{t('calendar.title')}</a>
        </p>
        {admin ? (
          <p>
            <a href="/admin/outbox">{t('admin.outbox')}</a> · <a href="/admin/webhooks">{t('admin.webhooks')}</a> ·{' '}
            <a href="/admin/members">{t('members.admin.title')}</a> · <a href="/admin/audit">{t('audit.title')}</a> ·{' '}
            <a href="/admin/members/import">{t('import.title')}</a> · <a href="/admin/news">{t('news.admin.title')}</a>{' '}
            · <a href="/calls">{t('calls.title')}</a>
          </p>
        ) : null}
      </Layout>,
    );
  });
}
