import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { chapterPolicy } from '../chapters/policy.js';
import { findChapter } from '../chapters/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { formatRange, formatShort } from '../events/format.js';
import { viewEvent, type EventRow } from '../events/service.js';
import { AppError } from '../web/errors.js';
import { ErrorSummary, formError, validate } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { formErrorsOf, InviteForm, readInviteForm, type InviteFormState } from './invite-form.js';
import * as q from './queries.js';
import { InviteSchema } from './schemas.js';
import { homeRegionOf } from './segments.js';
import * as invitations from './service.js';
import { TableWrap } from '../web/table-wrap.js';
import { formatDayTime } from '../events/format.js';

type IdParams = { Params: { id: string } };
const emptyForm: InviteFormState = { values: {}, chosen: { origin: [], residence: [], kinds: [], followed: [] } };

/** Why an event cannot take invitations, in the visitor's words; undefined when it can. */
function notInvitable(ctx: PageContext, event: EventRow): string | undefined {
  if (event.status === 'cancelled') return ctx.t('invitations.closed.cancelled');
  if (event.status !== 'published') return ctx.t('invitations.closed.draft');
  if (event.startsAt <= new Date()) return ctx.t('invitations.closed.past');
  return undefined;
}

function Figures({
  ctx,
  rows,
  total,
}: {
  ctx: PageContext;
  rows: { key: string; head: ComponentChildren; invited: number; registered: number; attended: number }[];
  total?: { invited: number; registered: number; attended: number };
}) {
  const { t } = ctx;
  return (
    <TableWrap>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('invitations.stats.what')}</th>
            <th scope="col">{t('invitations.stats.invited')}</th>
            <th scope="col">{t('invitations.stats.registered')}</th>
            <th scope="col">{t('invitations.stats.attended')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr id={r.key}>
              <th scope="row">{r.head}</th>
              <td>{r.invited}</td>
              <td>{r.registered}</td>
              <td>{r.attended}</td>
            </tr>
          ))}
        </tbody>
        {total ? (
          <tfoot>
            <tr>
              <th scope="row">{t('invitations.stats.total')}</th>
              <td>{total.invited}</td>
              <td>{total.registered}</td>
              <td>{total.attended}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </TableWrap>
  );
}

async function invitePage(
  db: Db,
  req: FastifyRequest<IdParams>,
  reply: FastifyReply,
  form: InviteFormState = emptyForm,
  status = 200,
) {
  const event = await invitations.eventToManage(db, req.network, req.user, req.params.id);
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const [chapter, options, figures, view] = await Promise.all([
    q.selectChapterById(db, req.network.id, event.chapterId),
    q.selectChapterOptions(db, req.network.id),
    invitations.eventInvitations(db, req.network, event),
    viewEvent(db, event),
  ]);
  const closed = notInvitable(ctx, event);
  const sentId = (req.query as Record<string, unknown>).campaign;
  const sent = figures.campaigns.find((c) => c.id === sentId);
  const when = (d: Date) => formatDayTime(d, ctx.locale, 'numeric', { timeZone: event.timeZone });
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('invitations.title', { title: event.title })}>
      <h1>{t('invitations.title', { title: event.title })}</h1>
      <p>
        {formatRange(event.startsAt, event.endsAt, event.timeZone, ctx.locale)} ·{' '}
        <span id="seats">
          {t('event.seatsLeft', { count: view.seatsLeft, capacity: view.capacity })}
          {view.seatsLeft === 0 ? ` · ${t('event.full', { count: view.waitlistCount })}` : null}
        </span>{' '}
        · <a href={`/admin/events/${event.id}`}>{t('admin.edit')}</a>
        {chapter ? (
          <>
            {' · '}
            <a href={`/admin/chapters/${chapter.slug}/invitations`}>{t('invitations.stats.link')}</a>
          </>
        ) : null}
      </p>
      {sent ? (
        <p class="notice" role="status" id="sent">
          {t('invitations.sent', { count: sent.invited })}
        </p>
      ) : null}
      <p>{t('invitations.intro')}</p>
      {closed ? (
        <p class="errors">{closed}</p>
      ) : (
        <>
          <ErrorSummary ctx={ctx} errors={form.errors} />
          <InviteForm
            ctx={ctx}
            action={`/admin/events/${event.id}/invite`}
            state={{ ...form, seats: { left: view.seatsLeft, waitlist: event.waitlist } }}
            homeRegion={chapter ? homeRegionOf(chapter) : undefined}
            chapters={options}
            canSend
          />
        </>
      )}
      <h2>{t('invitations.campaigns')}</h2>
      {figures.campaigns.length ? (
        <Figures
          ctx={ctx}
          rows={figures.campaigns.map((c) => ({
            key: `campaign-${c.id}`,
            head: (
              <>
                {when(c.createdAt)}
                {c.createdBy ? ` · ${c.createdBy.name}` : ''}
                <br />
                <span class="muted">{c.summary[ctx.locale]}</span>
              </>
            ),
            invited: c.invited,
            registered: c.registered,
            attended: c.attended,
          }))}
          total={figures}
        />
      ) : (
        <p class="muted">{t('invitations.noCampaigns')}</p>
      )}
    </Layout>,
    status,
  );
}

/** /admin/events/:id/invite (build a segment, count, send) and /admin/chapters/:slug/invitations (who came back); the opt-out link. */
export function invitationPages(app: FastifyInstance, db: Db, config: Config): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get<IdParams>('/admin/events/:id/invite', (req, reply) => invitePage(db, req, reply));

  app.post<IdParams>('/admin/events/:id/invite', csrf, async (req, reply) => {
    const { state, input, intent } = readInviteForm(req.body);
    const form = validate(InviteSchema, input, state.values);
    if (!form.ok) return invitePage(db, req, reply, { ...state, errors: formErrorsOf(form.errors) }, 400);
    // Counting shows the invitation as it will read and the exact number it will go to; the
    // send button carries that number, and the server sends only if it still holds.
    const preview = () =>
      invitations.previewInvitations(db, req.network, req.user, req.params.id, form.data, {
        baseUrl: config.baseUrl,
        locale: req.locale,
      });
    try {
      if (intent === 'send') {
        const sent = await invitations.sendInvitations(db, req.network, req.user, req.params.id, form.data, {
          baseUrl: config.baseUrl,
        });
        return reply.redirect(`/admin/events/${req.params.id}/invite?campaign=${sent.campaignId}`, 303);
      }
      return invitePage(db, req, reply, { ...state, ...(await preview()) });
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') {
        // The count moved between the preview and the send: show the new one to confirm again.
        const again = await preview().catch(() => undefined);
        return invitePage(db, req, reply, { ...state, ...again, errors: { '(form)': err.detail } }, 409);
      }
      const { errors } = formError(err, state.values);
      return invitePage(db, req, reply, { ...state, errors: formErrorsOf(errors) }, 400);
    }
  });

  app.get<{ Params: { slug: string } }>('/admin/chapters/:slug/invitations', async (req, reply) => {
    const chapter = await findChapter(db, req.network, req.params.slug);
    authorize(req.user, await chapterPolicy.edit(db, req.user, chapter), `see the invitations of ${chapter.name}`);
    const stats = await invitations.invitationStats(db, req.network, chapter.id);
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('invitations.stats.title', { chapter: chapter.name })}>
        <h1>{t('invitations.stats.title', { chapter: chapter.name })}</h1>
        <p>
          <a href={`/admin/chapters/${chapter.slug}`}>{t('admin.edit')}</a>
        </p>
        <p>{t('invitations.stats.intro')}</p>
        {stats.events.length ? (
          <Figures
            ctx={ctx}
            rows={stats.events.map((e) => ({
              key: `event-${e.event.id}`,
              head: (
                <>
                  <a href={`/admin/events/${e.event.id}/invite`}>{e.event.title}</a>{' '}
                  <span class="muted">· {formatShort(e.event.startsAt, e.event.timeZone, ctx.locale)}</span>
                  <br />
                  <span class="muted">{t('invitations.stats.campaigns', { count: e.campaigns.length })}</span>
                </>
              ),
              invited: e.invited,
              registered: e.registered,
              attended: e.attended,
            }))}
            total={stats.totals}
          />
        ) : (
          <p class="muted" id="no-invitations">
            {t('invitations.stats.none')}
          </p>
        )}
      </Layout>,
    );
  });

  /**
   * The opt-out link of every invitation. GET shows a button; POST needs no CSRF token because
   * the signed token is the credential, and RFC 8058 one-click clients POST without any page.
   */
  const optOutPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    body: (ctx: PageContext) => ComponentChildren,
    status = 200,
  ) => {
    const ctx = pageContext(req, reply);
    return sendPage(
      reply.header('referrer-policy', 'no-referrer'),
      <Layout ctx={ctx} title={ctx.t('invitations.optOut.title')}>
        <h1>{ctx.t('invitations.optOut.title')}</h1>
        {body(ctx)}
      </Layout>,
      status,
    );
  };
  const invalid = (ctx: PageContext) => <p class="errors">{ctx.t('invitations.optOut.invalid')}</p>;

  app.get<{ Params: { token: string } }>('/invitations/opt-out/:token', async (req, reply) => {
    const who = await invitations.optOutTarget(db, req.network, req.params.token);
    if (!who) return optOutPage(req, reply, invalid, 404);
    if (who.optedOut) return optOutPage(req, reply, (ctx) => <p class="notice">{ctx.t('invitations.optOut.done')}</p>);
    return optOutPage(req, reply, (ctx) => (
      <form method="post" action={`/invitations/opt-out/${req.params.token}`} novalidate>
        <CsrfField ctx={ctx} />
        <p>{ctx.t('invitations.optOut.ask', { name: who.name })}</p>
        <button type="submit">{ctx.t('invitations.optOut.confirm')}</button>
      </form>
    ));
  });

  app.post<{ Params: { token: string } }>(
    '/invitations/opt-out/:token',
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const who = await invitations.optOutTarget(db, req.network, req.params.token);
      if (!who) return optOutPage(req, reply, invalid, 404);
      await invitations.optOutOfInvitations(db, req.network, who.userId);
      return optOutPage(req, reply, (ctx) => (
        <p class="notice" role="status">
          {ctx.t('invitations.optOut.done')}
        </p>
      ));
    },
  );
}
