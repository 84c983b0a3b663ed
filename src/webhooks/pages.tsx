import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { ErrorSummary, Field, formError, validate, type FormErrors, type FormValues } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorizeWebhooks } from './policy.js';
import { WebhookCreateSchema } from './schemas.js';
import * as webhooks from './service.js';
import { webhookEvents } from './tables.js';
import { TableWrap } from '../web/table-wrap.js';
import { formatDayTime } from '../events/format.js';

type Params = { Params: { id: string } };
interface PageState {
  form?: { values: FormValues; events: string[]; errors: FormErrors };
  /** The endpoint just created, with its secret: shown this once. */
  created?: webhooks.EndpointRow;
}

async function webhooksPage(db: Db, req: FastifyRequest, reply: FastifyReply, state: PageState = {}, status = 200) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const endpoints = await webhooks.listEndpoints(db, req.network);
  const deliveries = await webhooks.recentDeliveries(db, req.network, 50);
  const urlOf = new Map(endpoints.map((e) => [e.id, e.url]));
  // To the second: deliveries and their retries are minutes apart.
  const when = (d: Date) => formatDayTime(d, ctx.locale, 'numeric', { seconds: true });
  const chosen = new Set(state.form?.events ?? []);
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('admin.webhooks')}>
      <h1>{t('admin.webhooks')}</h1>
      <p>{t('webhooks.intro')}</p>
      {state.created ? (
        <div class="notice" role="status">
          <p>{t('webhooks.created')}</p>
          <p>
            {state.created.url} — {t('webhooks.secret')}: <code id="webhook-secret">{state.created.secret}</code>
          </p>
        </div>
      ) : null}
      {endpoints.length ? (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('webhooks.url')}</th>
                <th scope="col">{t('webhooks.events')}</th>
                <th scope="col">{t('webhooks.status')}</th>
                <th scope="col">{t('webhooks.failures')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr id={`webhook-${e.id}`}>
                  <td>{e.url}</td>
                  <td>
                    {e.events.map((ev, i) => (
                      <>
                        {i > 0 ? ', ' : ''}
                        <code>{ev}</code>
                      </>
                    ))}
                  </td>
                  <td>
                    {e.active ? t('webhooks.active') : t('webhooks.inactive')}
                    {e.disabledAt ? (
                      <span class="muted">
                        {' '}
                        — {`${t('webhooks.autoDisabled', { failures: e.consecutiveFailures })} (${when(e.disabledAt)})`}
                      </span>
                    ) : null}
                  </td>
                  <td>{e.consecutiveFailures}</td>
                  <td>
                    <form
                      method="post"
                      action={`/admin/webhooks/${e.id}/${e.active ? 'disable' : 'enable'}`}
                      class="inline"
                      novalidate
                    >
                      <CsrfField ctx={ctx} />
                      <button
                        type="submit"
                        aria-label={`${e.active ? t('webhooks.disable') : t('webhooks.enable')} ${e.url}`}
                      >
                        {e.active ? t('webhooks.disable') : t('webhooks.enable')}
                      </button>
                    </form>{' '}
                    <form method="post" action={`/admin/webhooks/${e.id}/delete`} class="inline" novalidate>
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="danger" aria-label={`${t('form.delete')} ${e.url}`}>
                        {t('form.delete')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p class="muted">{t('webhooks.none')}</p>
      )}

      <h2>{t('webhooks.add')}</h2>
      <ErrorSummary ctx={ctx} errors={state.form?.errors} />
      <form method="post" action="/admin/webhooks" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <Field
          name="url"
          type="url"
          label={t('webhooks.url')}
          values={state.form?.values}
          errors={state.form?.errors}
          required
        />
        <fieldset aria-describedby={state.form?.errors.events ? 'f-events-error' : undefined}>
          <legend>{t('webhooks.events')}</legend>
          {webhookEvents.map((ev) => (
            <div>
              <input
                type="checkbox"
                id={`f-events-${ev.replace('.', '-')}`}
                name="events"
                value={ev}
                checked={state.form ? chosen.has(ev) : true}
              />{' '}
              <label htmlFor={`f-events-${ev.replace('.', '-')}`} class="inline">
                {t(`webhookEvent.${ev}`)} (<code>{ev}</code>)
              </label>
            </div>
          ))}
          {state.form?.errors.events ? (
            <p class="field-error" id="f-events-error">
              {state.form.errors.events}
            </p>
          ) : null}
        </fieldset>
        <div>
          <button type="submit">{t('form.create')}</button>
        </div>
      </form>

      <h2>{t('webhooks.deliveries')}</h2>
      {deliveries.length ? (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('event.when')}</th>
                <th scope="col">{t('webhooks.url')}</th>
                <th scope="col">{t('webhooks.events')}</th>
                <th scope="col">{t('webhooks.status')}</th>
                <th scope="col">{t('outbox.attempts')}</th>
                <th scope="col">{t('webhooks.response')}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr>
                  <td>{when(d.createdAt)}</td>
                  <td>{urlOf.get(d.endpointId) ?? ''}</td>
                  <td>
                    <code>{d.event}</code>
                  </td>
                  <td>{t(`webhooks.${d.status}`)}</td>
                  <td>
                    {d.attempts}
                    {d.lastError ? <span class="muted"> — {d.lastError}</span> : null}
                  </td>
                  <td>
                    {d.responseStatus !== null
                      ? `${d.responseStatus}${d.responseMs !== null ? ` · ${d.responseMs} ms` : ''}`
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p class="muted">{t('webhooks.noDeliveries')}</p>
      )}
    </Layout>,
    status,
  );
}

/** /admin/webhooks: admins add, pause, enable and remove endpoints, and see what was sent. */
export function webhookPages(app: FastifyInstance, db: Db, config: Pick<Config, 'allowPrivateWebhooks'>): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get('/admin/webhooks', async (req, reply) => {
    authorizeWebhooks(req.user);
    return webhooksPage(db, req, reply);
  });

  app.post('/admin/webhooks', csrf, async (req, reply) => {
    authorizeWebhooks(req.user);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const events = (Array.isArray(body.events) ? body.events : body.events === undefined ? [] : [body.events]).filter(
      (e): e is string => typeof e === 'string',
    );
    const values: FormValues = { url: typeof body.url === 'string' ? body.url : '' };
    const form = validate(WebhookCreateSchema, { url: values.url, events }, values);
    if (!form.ok) return webhooksPage(db, req, reply, { form: { values, events, errors: form.errors } }, 400);
    try {
      const created = await webhooks.createEndpoint(
        db,
        req.network,
        form.data,
        config.allowPrivateWebhooks,
        undefined,
        req.user,
      );
      return webhooksPage(db, req, reply, { created }, 201);
    } catch (err) {
      const { errors } = formError(err, values);
      return webhooksPage(db, req, reply, { form: { values, events, errors } }, 400);
    }
  });

  for (const action of ['enable', 'disable'] as const) {
    app.post<Params>(`/admin/webhooks/:id/${action}`, csrf, async (req, reply) => {
      authorizeWebhooks(req.user);
      await webhooks.updateEndpoint(db, req.network, req.params.id, { active: action === 'enable' }, req.user);
      return reply.redirect('/admin/webhooks?done=saved', 303);
    });
  }

  app.post<Params>('/admin/webhooks/:id/delete', csrf, async (req, reply) => {
    authorizeWebhooks(req.user);
    await webhooks.deleteEndpoint(db, req.network, req.params.id, req.user);
    return reply.redirect('/admin/webhooks?done=deleted', 303);
  });
}
