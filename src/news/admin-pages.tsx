import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listChapters } from '../chapters/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { localString } from '../events/service.js';
import { formatDayTime } from '../events/format.js';
import { localizedText } from '../web/content.js';
import { blobStoreFor } from '../storage/service.js';
import { requireUser } from '../web/context.js';
import { AppError } from '../web/errors.js';
import { type FormErrors, type FormValues, formError, validate } from '../web/forms.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { newsPolicy } from './policy.js';
import { ArticleCreateSchema, ArticleUpdateSchema } from './schemas.js';
import { articleStatuses } from './tables.js';
import * as news from './service.js';
import { msg } from '../web/i18n.js';
import { type Body, formInput, joinTerms, type UploadedFile } from './form-input.js';
import { TableWrap } from '../web/table-wrap.js';
import { revisionsPage } from './revisions-page.js';
import { ArticleForm, RemoteMediaAction } from './editor-form.js';
import { remotePictures } from './external-images.js';
import { ScheduledFor } from './components.js';

const TZ = 'Europe/Brussels';
type Params = { Params: { id: string } };

export function newsAdminPages(app: FastifyInstance, db: Db, config: Config): void {
  const store = blobStoreFor(config);

  async function form(
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { article?: news.ArticleRow; values: FormValues; errors?: FormErrors; status?: number },
  ) {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const chapters = await listChapters(db, req.network, { limit: 500 });
    const title = opts.article ? t('news.admin.edit', { title: opts.article.title }) : t('news.admin.new');
    const { values, errors } = opts;
    const [view] = opts.article ? await news.presentArticles(db, req.network.id, [opts.article], ctx.locale) : [];
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        {opts.article ? (
          <p>
            <a href={`/news/${opts.article.slug}`}>{t('news.admin.view')}</a> ·{' '}
            <a href={`/admin/news/${opts.article.id}/revisions`}>{t('news.admin.revisions')}</a>
          </p>
        ) : null}
        {view?.status === 'scheduled' && view.publishAt ? (
          <p class="notice">
            <ScheduledFor ctx={ctx} at={view.publishAt} />
          </p>
        ) : null}
        <ArticleForm
          ctx={ctx}
          article={view}
          chapters={chapters.map((c) => ({ value: c.slug, label: localizedText(c, 'name', ctx.locale) }))}
          values={values}
          errors={errors}
        />
        {opts.article ? (
          <RemoteMediaAction
            ctx={ctx}
            articleId={opts.article.id}
            pictures={remotePictures(opts.article.bodyHtml, [config.baseUrl, `${req.protocol}://${req.host}`]).length}
            waitingCover={opts.article.coverUploadId ? null : opts.article.coverSourceUrl}
          />
        ) : null}
      </Layout>,
      opts.status,
    );
  }

  const valuesOf = async (
    a: news.ArticleRow,
    view: Awaited<ReturnType<typeof news.presentArticles>>[number],
  ): Promise<FormValues> => ({
    title: a.title,
    slug: a.slug,
    bodyMarkdown: a.bodyMarkdown,
    excerpt: a.excerptWritten ? a.excerpt : '',
    language: a.language,
    chapter: view.chapter?.slug ?? '',
    // Names, not slugs: saved as they are shown, they name the same categories (compose.ts resolveTerms).
    categories: joinTerms(
      await news.categoryNamePaths(
        db,
        a.networkId,
        view.categories.map((c) => c.path),
      ),
    ),
    tags: joinTerms(view.tags.map((x) => x.name)),
    partner: a.partner ? 'on' : '',
    coverAlt: a.coverAlt,
    status: a.status,
    publishAt: publishingTime(a),
  });
  // The time a reader sees: the planned one while scheduled, else when it went live.
  const publishingTime = (a: news.ArticleRow) => {
    const at = a.status === 'scheduled' ? a.publishAt : (a.publishedAt ?? a.publishAt);
    return at ? localString(at, TZ) : '';
  };

  app.get('/admin/news', async (req, reply) => {
    const user = requireUser(req);
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const editor = await newsPolicy.isEditor(db, user, req.network.id);
    const rows = [];
    for (const status of articleStatuses) {
      // Editors see everything; others the articles they wrote.
      if (!editor) {
        const mine = await news.authorForUser(db, req.network.id, user.id);
        rows.push(...(await news.listAuthorArticles(db, req.network.id, mine.id, status)));
      } else rows.push(...(await news.listArticles(db, req.network, user, { status }, { limit: 100, offset: 0 })).rows);
    }
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('news.admin.title')}>
        <h1>{t('news.admin.title')}</h1>
        <p>
          <a href="/admin/news/new">{t('news.admin.new')}</a>
          {editor ? (
            <>
              {' · '}
              <a href="/admin/news/reports">{t('report.queue')}</a> ·{' '}
              <a href="/admin/news/repairs">{t('repairs.title')}</a> ·{' '}
              <a href="/admin/news/import">{t('newsImport.title')}</a> ·{' '}
              <a href="/admin/redirects">{t('redirect.admin.link')}</a>
            </>
          ) : null}
        </p>
        {rows.length ? (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('news.admin.field.title')}</th>
                  <th scope="col">{t('news.admin.field.status')}</th>
                  <th scope="col">{t('news.admin.when')}</th>
                  <th scope="col">{t('news.admin.edited')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr>
                    <td>
                      <a href={`/admin/news/${a.id}`}>{a.title}</a>
                    </td>
                    <td>{t(`news.status.${a.status}`)}</td>
                    <td>
                      {a.status === 'scheduled' && a.publishAt
                        ? t('news.scheduledFor', { date: formatDayTime(a.publishAt, ctx.locale) })
                        : a.publishedAt && a.status !== 'draft'
                          ? formatDayTime(a.publishedAt, ctx.locale)
                          : '—'}
                    </td>
                    <td>{formatDayTime(a.updatedAt, ctx.locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>{t('news.admin.empty')}</p>
        )}
      </Layout>,
    );
  });

  app.get('/admin/news/new', async (req, reply) => {
    requireUser(req);
    return form(req, reply, { values: { language: req.locale, status: 'draft' } });
  });

  app.get<Params>('/admin/news/:id', async (req, reply) => {
    const article = await news.findArticle(db, req.network, req.params.id);
    authorize(req.user, await newsPolicy.edit(db, req.user, article), 'change this article');
    const [view] = await news.presentArticles(db, req.network.id, [article]);
    return form(req, reply, { article, values: await valuesOf(article, view!) });
  });

  revisionsPage(app, db);

  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: 10 * 1_048_576, files: 1, fields: 20, parts: 21 },
      async onFile(part: MultipartFile) {
        const bytes = await part.toBuffer();
        (part as unknown as { value: UploadedFile }).value = {
          bytes,
          filename: part.filename,
          truncated: part.file.truncated,
        };
      },
    });
    const signedIn = { onRequest: async (req: FastifyRequest) => void requireUser(req) };

    async function save(req: FastifyRequest<{ Body: Body; Params: { id?: string } }>, reply: FastifyReply) {
      const user = requireUser(req);
      const { input, values } = formInput(req.body);
      const id = req.params.id;
      const parsed = id ? validate(ArticleUpdateSchema, input, values) : validate(ArticleCreateSchema, input, values);
      const existing = id ? await news.findArticle(db, req.network, id) : undefined;
      if (!parsed.ok) return form(req, reply, { article: existing, values, errors: parsed.errors, status: 400 });
      try {
        const row = id
          ? await news.updateArticle(db, req.network, user, id, parsed.data)
          : await news.createArticle(db, req.network, user, parsed.data as never);
        const cover = req.body?.cover;
        if (typeof cover === 'object' && cover.bytes.length) {
          if (cover.truncated)
            throw new AppError('validation', msg('news.problem.cover'), [
              { field: 'cover', message: msg('validation.max', { max: '10 MB' }) },
            ]);
          await news.saveCover(db, store, req.network, user, row.id, {
            bytes: cover.bytes,
            name: cover.filename || 'cover',
            field: 'cover',
          });
        }
        return reply.redirect(`/admin/news/${row.id}?done=saved`, 303);
      } catch (err) {
        // A refused picture is shown beside its field, like any other invalid input.
        if (err instanceof AppError && err.errors.some((e) => e.field === 'cover'))
          return form(req, reply, { article: existing, values, errors: { cover: err.detail }, status: 400 });
        const { errors } = formError(err, values);
        return form(req, reply, { article: existing, values, errors, status: 400 });
      }
    }
    scope.post<{ Body: Body }>('/admin/news', { ...signedIn, preHandler: scope.csrfProtection }, (req, reply) =>
      save(req as never, reply),
    );
    scope.post<{ Body: Body; Params: { id: string } }>(
      '/admin/news/:id',
      { ...signedIn, preHandler: scope.csrfProtection },
      (req, reply) => save(req, reply),
    );
  });
}
