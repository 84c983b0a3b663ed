import { eventPath } from '../web/event-path.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { readableArticle } from '../news/service.js';
import { ErrorSummary, type FormErrors, type FormValues, validate } from '../web/forms.js';
import { ReportForm } from './report-form.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { reportQueuePages } from './queue-page.js';
import { reportScript as script } from './quote-script.js';
import { type ReportCreate, ReportCreateSchema } from './schemas.js';
import { reportableEvent, submitEventReport, submitReport } from './service.js';

type SlugParams = { Params: { slug: string } };
type IdParams = { Params: { id: string } };

/** What the form is about: an article or an event page. */
interface Target {
  title: string;
  action: string;
  back: string;
  backLabel: 'report.back' | 'report.backEvent';
  revision: number | null;
}

export function reportPages(app: FastifyInstance, db: Db, config: Config): void {
  app.get('/assets/report-error.js', { schema: { hide: true } }, (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(script),
  );

  const articleTarget = async (req: FastifyRequest<SlugParams>): Promise<Target> => {
    const article = await readableArticle(db, req.network, null, req.params.slug);
    const at = `/news/${article.slug}`;
    return {
      title: article.title,
      action: `${at}/report`,
      back: at,
      backLabel: 'report.back',
      revision: article.revision,
    };
  };
  const eventTarget = async (req: FastifyRequest<IdParams>): Promise<Target> => {
    const event = await reportableEvent(db, req.network, req.params.id);
    return {
      title: event.title,
      action: `/events/${event.id}/report`,
      back: eventPath(event),
      backLabel: 'report.backEvent',
      revision: null,
    };
  };

  async function formPage(
    req: FastifyRequest,
    reply: FastifyReply,
    target: Target,
    values: FormValues,
    errors?: FormErrors,
    status = 200,
  ) {
    const ctx = pageContext(req, reply);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={ctx.t('report.title', { title: target.title })}>
        <h1>{ctx.t('report.title', { title: target.title })}</h1>
        <ErrorSummary ctx={ctx} errors={errors} />
        <ReportForm
          ctx={ctx}
          values={{ revision: target.revision === null ? '' : String(target.revision), ...values }}
          errors={errors}
          action={target.action}
        />
        <p>
          <a href={target.back}>{ctx.t(target.backLabel)}</a>
        </p>
      </Layout>,
      status,
    );
  }

  const quoteOf = (req: FastifyRequest) => {
    const quote = (req.query as { quote?: unknown }).quote;
    return { quote: typeof quote === 'string' ? quote.slice(0, 1000) : '' };
  };
  app.get<SlugParams>('/news/:slug/report', async (req, reply) =>
    formPage(req, reply, await articleTarget(req), quoteOf(req)),
  );
  app.get<IdParams>('/events/:id/report', async (req, reply) =>
    formPage(req, reply, await eventTarget(req), quoteOf(req)),
  );

  const limits = { preHandler: app.csrfProtection, config: { rateLimit: { max: 5, timeWindow: '1 minute' } } };
  app.post<SlugParams & { Body: Record<string, string> }>('/news/:slug/report', limits, async (req, reply) =>
    receive(req, reply, await articleTarget(req), (input) =>
      submitReport(db, req.network, req.params.slug, input, { baseUrl: config.baseUrl, locale: req.locale }),
    ),
  );
  app.post<IdParams & { Body: Record<string, string> }>('/events/:id/report', limits, async (req, reply) =>
    receive(req, reply, await eventTarget(req), (input) =>
      submitEventReport(db, req.network, req.params.id, input, { baseUrl: config.baseUrl, locale: req.locale }),
    ),
  );

  async function receive(
    req: FastifyRequest<{ Body: Record<string, string> }>,
    reply: FastifyReply,
    target: Target,
    send: (input: ReportCreate) => Promise<unknown>,
  ) {
    const values: FormValues = {};
    for (const [k, v] of Object.entries(req.body ?? {})) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
    const input = {
      kind: values.kind || 'error',
      quote: values.quote ?? '',
      message: values.message ?? '',
      ...(values.name ? { name: values.name } : {}),
      ...(values.email ? { email: values.email } : {}),
      goodFaith: values.goodFaith === 'on',
      ...(/^\d+$/.test(values.revision ?? '') ? { revision: Number(values.revision) } : {}),
      ...(values.website ? { website: values.website } : {}),
    };
    const parsed = validate(ReportCreateSchema, input, values);
    if (!parsed.ok) return formPage(req, reply, target, values, parsed.errors, 400);
    await send(parsed.data);
    const ctx = pageContext(req, reply);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={ctx.t('report.link')}>
        <h1>{ctx.t('report.link')}</h1>
        <p role="status">{ctx.t('report.thanks')}</p>
        <p>
          <a href={target.back}>{ctx.t(target.backLabel)}</a>
        </p>
      </Layout>,
    );
  }

  reportQueuePages(app, db, config);
}
