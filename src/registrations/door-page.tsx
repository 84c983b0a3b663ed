import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { formatRange } from '../events/format.js';
import { findEvent } from '../events/service.js';
import { AppError } from '../web/errors.js';
import { Field } from '../web/forms.js';
import { translator } from '../web/i18n.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorizeRegistrations } from './policy.js';
import { Localized, localized, localizedText } from '../web/content.js';
import { checkIn, listRegistrations, undoCheckIn } from './service.js';

// The door: organisers check tickets in by code (the ticket's QR code opens this page) or by name.

type IdParams = { Params: { id: string } };

async function doorPage(
  db: Db,
  req: FastifyRequest<IdParams>,
  reply: FastifyReply,
  message?: { ok: boolean; text: string },
  status = 200,
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const row = await findEvent(db, req.network, req.params.id);
  await authorizeRegistrations(db, req.user, row, 'run this event');
  const query = req.query as { q?: string; code?: string };
  const search = typeof query.q === 'string' ? query.q.trim().slice(0, 100) : '';
  const list = await listRegistrations(db, row.id, {
    status: 'confirmed',
    limit: 500,
    search: search || undefined,
  });
  const here = list.filter((r) => r.checkedInAt).length;
  // People look for a name, not for the order they registered in.
  list.sort((a, b) => a.name.localeCompare(b.name, ctx.locale, { sensitivity: 'base' }));
  // A scanned QR code opens this page with ?code=: show whose ticket it is, one tap to check in.
  const scanned =
    !message && typeof query.code === 'string' && query.code.trim()
      ? ((await listRegistrations(db, row.id, { status: 'confirmed', limit: 500 })).find(
          (r) => r.checkInCode === query.code!.trim(),
        ) ?? null)
      : undefined;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={`${t('admin.door')} — ${localizedText(row, 'title', ctx.locale)}`}>
      <h1>{t('admin.door')}</h1>
      <p>
        <a href={`/admin/events/${row.id}`}>
          <Localized value={localized(row, 'title', ctx.locale)} t={t} />
        </a>{' '}
        — {formatRange(row.startsAt, row.endsAt, row.timeZone, ctx.locale)}
      </p>
      {message ? (
        <p class={message.ok ? 'notice' : 'errors'} role="status">
          {message.text}
        </p>
      ) : null}
      {scanned === null ? (
        <p class="errors" role="status">
          {t('door.unknownCode')}
        </p>
      ) : scanned ? (
        <div class="card scanned">
          <p>
            <strong>{scanned.name}</strong>
          </p>
          {scanned.checkedInAt ? (
            <p class="muted">{t('admin.checkedIn')}</p>
          ) : (
            <form method="post" action={`/admin/events/${row.id}/door`} novalidate>
              <CsrfField ctx={ctx} />
              <input type="hidden" name="code" value={scanned.checkInCode} />
              <button type="submit" class="big">
                {t('door.checkInName', { name: scanned.name })}
              </button>
            </form>
          )}
        </div>
      ) : null}
      <form method="post" action={`/admin/events/${row.id}/door`} class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <Field
          name="code"
          label={t('admin.code')}
          values={{ code: typeof query.code === 'string' ? query.code : '' }}
          autocomplete="off"
        />
        <div>
          <button type="submit">{t('admin.checkIn')}</button>
        </div>
      </form>
      <form method="get" action={`/admin/events/${row.id}/door`} class="stack" role="search">
        <Field name="q" type="search" label={t('admin.search')} values={{ q: search }} />
        <div>
          <button type="submit">{t('door.searchSubmit')}</button>
        </div>
      </form>
      <p>
        {here} / {list.length} {t('admin.checkedIn').toLowerCase()}
      </p>
      {search && list.length === 0 ? <p class="muted">{t('door.noMatch', { q: search })}</p> : null}
      <ul class="door">
        {list.map((r) => (
          <li>
            {r.checkedInAt ? (
              <form method="post" action={`/admin/events/${row.id}/door/${r.id}/undo`} class="inline" novalidate>
                <CsrfField ctx={ctx} />✔ <strong>{r.name}</strong> <span class="muted">{t('admin.checkedIn')}</span>{' '}
                <button type="submit" class="link" aria-label={t('door.undoName', { name: r.name })}>
                  {t('door.undo')}
                </button>
              </form>
            ) : (
              <form method="post" action={`/admin/events/${row.id}/door`} class="inline" novalidate>
                <CsrfField ctx={ctx} />
                <input type="hidden" name="code" value={r.checkInCode} />
                <strong>{r.name}</strong>{' '}
                <button type="submit" aria-label={`${t('admin.checkIn')} ${r.name}`}>
                  {t('admin.checkIn')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </Layout>,
    status,
  );
}

export function doorPages(app: FastifyInstance, db: Db): void {
  const csrf = { preHandler: app.csrfProtection };

  app.post<{ Params: { id: string; registrationId: string } }>(
    '/admin/events/:id/door/:registrationId/undo',
    csrf,
    async (req, reply) => {
      const row = await findEvent(db, req.network, req.params.id);
      await authorizeRegistrations(db, req.user, row, 'run this event');
      const reg = await undoCheckIn(db, req.network, row.id, req.params.registrationId);
      const t = pageContext(req, reply).t;
      return doorPage(db, req, reply, { ok: true, text: t('door.undone', { name: reg.name }) });
    },
  );

  app.get<IdParams>('/admin/events/:id/door', (req, reply) => doorPage(db, req, reply));

  app.post<IdParams>('/admin/events/:id/door', csrf, async (req, reply) => {
    // Before anything is checked in: doorPage's own check comes after checkIn has run.
    const row = await findEvent(db, req.network, req.params.id);
    await authorizeRegistrations(db, req.user, row, 'run this event');
    const code = String((req.body as Record<string, unknown>)?.code ?? '').trim();
    if (!code)
      return doorPage(
        db,
        req,
        reply,
        { ok: false, text: `${translator(req.locale)('admin.code')}: ${translator(req.locale)('form.required')}` },
        400,
      );
    try {
      const { registration, already } = await checkIn(db, req.network, req.params.id, code);
      const t = pageContext(req, reply).t;
      return doorPage(db, req, reply, {
        ok: true,
        text: `${registration.name} — ${already ? t('admin.checkedIn') : `${t('admin.checkedIn')} ✔`}`,
      });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'conflict' || err.code === 'not_found'))
        return doorPage(db, req, reply, { ok: false, text: err.detail }, err.status);
      throw err;
    }
  });
}
