import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { CoverUploadSchema } from '../storage/schemas.js';
import {
  blobStoreFor,
  type CoverRef,
  coverView,
  imageMultipart,
  makeCover,
  uploadedImage,
} from '../storage/service.js';
import { requireUser } from '../web/context.js';
import { CoverImage } from '../web/cover.js';
import { AppError } from '../web/errors.js';
import {
  ErrorSummary,
  Field,
  type FormErrors,
  type FormValues,
  formError,
  formValues,
  validate,
} from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { type CoverTarget, coverTargets } from './targets.js';

type Found = { name: string; cover: CoverRef | null; edit: string; view: string };

/**
 * /admin/{events|chapters|venues}/…/cover: the current picture, a form to upload another with its
 * text alternative, and a button to remove it. Linked from each edit page.
 */
export function coverPages(app: FastifyInstance, db: Db, config: Config): void {
  const store = blobStoreFor(config);

  function page(
    req: FastifyRequest,
    reply: FastifyReply,
    found: Found,
    opts: { values?: FormValues; errors?: FormErrors; status?: number } = {},
  ) {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const action = req.url.split('?')[0]!.replace(/\/delete$/, '');
    const cover = coverView(found.cover);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('cover.title', { name: found.name })}>
        <h1>{t('cover.title', { name: found.name })}</h1>
        <p>
          <a href={found.edit}>{t('cover.back')}</a> · <a href={found.view}>{t('cover.view')}</a>
        </p>
        <ErrorSummary ctx={ctx} errors={opts.errors} />
        <section class="cover-form">
          <h2>{t('cover.current')}</h2>
          {cover ? (
            <>
              <CoverImage cover={cover} sizes="20rem" />
              <p class="muted">{cover.alt}</p>
              <form method="post" action={`${action}/delete`} novalidate>
                <CsrfField ctx={ctx} />
                <button type="submit" class="secondary">
                  {t('cover.remove')}
                </button>
              </form>
            </>
          ) : (
            <p>{t('cover.none')}</p>
          )}
        </section>
        <section>
          <h2>{cover ? t('cover.replace') : t('cover.upload')}</h2>
          <form method="post" action={action} enctype="multipart/form-data" class="stack" novalidate>
            <CsrfField ctx={ctx} />
            <div>
              <label htmlFor="f-image">{t('cover.image')}</label>
              <input
                id="f-image"
                name="image"
                type="file"
                accept="image/jpeg,image/png,image/webp,image/gif"
                required
                aria-describedby={opts.errors?.image ? 'f-image-help f-image-error' : 'f-image-help'}
                aria-invalid={opts.errors?.image ? 'true' : undefined}
              />
              <p class="help" id="f-image-help">
                {t('cover.imageHelp')}
              </p>
              {opts.errors?.image ? (
                <p class="field-error" id="f-image-error">
                  {opts.errors.image}
                </p>
              ) : null}
            </div>
            <Field
              name="alt"
              label={t('cover.alt')}
              help={t('cover.altHelp')}
              values={opts.values}
              errors={opts.errors}
              required
            />
            <button type="submit">{t('cover.save')}</button>
          </form>
        </section>
      </Layout>,
      opts.status,
    );
  }

  void app.register(async (scope) => {
    await scope.register(multipart, imageMultipart);
    const csrf = { preHandler: scope.csrfProtection };
    const keyOf = (target: CoverTarget, req: FastifyRequest) => (req.params as Record<string, string>)[target.param]!;
    for (const target of coverTargets) {
      scope.get(target.page, async (req, reply) => {
        requireUser(req);
        return page(req, reply, await target.find(db, req.network, req.user, keyOf(target, req)));
      });
      scope.post(target.page, csrf, async (req, reply) => {
        const user = requireUser(req);
        const key = keyOf(target, req);
        const found = await target.find(db, req.network, user, key);
        const body = (req.body ?? {}) as Record<string, unknown>;
        const values = formValues(body);
        const parsed = validate(CoverUploadSchema, { image: body.image, alt: values.alt ?? '' }, values);
        if (!parsed.ok) return page(req, reply, found, { values, errors: parsed.errors, status: 400 });
        try {
          const cover = await makeCover(db, store, req.network.id, uploadedImage(body.image), parsed.data.alt, user.id);
          await target.set(db, req.network, user, key, cover);
        } catch (err) {
          // A refused picture (not an image, too large) is shown beside its field like any other mistake.
          if (err instanceof AppError && err.errors.some((e) => e.field === 'image'))
            return page(req, reply, found, { values, errors: { image: err.detail }, status: 400 });
          const { errors } = formError(err, values);
          return page(req, reply, found, { values, errors, status: 400 });
        }
        return reply.redirect(`${req.url.split('?')[0]}?done=saved`, 303);
      });
      scope.post(`${target.page}/delete`, csrf, async (req, reply) => {
        const user = requireUser(req);
        await target.set(db, req.network, user, keyOf(target, req), null);
        return reply.redirect(`${req.url.split('?')[0]!.replace(/\/delete$/, '')}?done=deleted`, 303);
      });
    }
  });
}
