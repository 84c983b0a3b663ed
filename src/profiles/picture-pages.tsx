import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor, imageMultipart, uploadedImage } from '../storage/service.js';
import { Avatar } from '../web/avatar.js';
import { requireUser } from '../web/context.js';
import { AppError } from '../web/errors.js';
import { ErrorSummary, type FormErrors } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { myProfile } from './me.js';
import { removeMyPicture, setMyPicture } from './picture.js';

/** /me/picture: my picture as others see it, a form to upload another, and a button to remove it. */
export function picturePages(app: FastifyInstance, db: Db, config: Config): void {
  const store = blobStoreFor(config);

  async function page(req: FastifyRequest, reply: FastifyReply, errors?: FormErrors, status?: number) {
    const user = requireUser(req);
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const profile = await myProfile(db, req.network, user);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('members.picture.title')}>
        <h1>{t('members.picture.title')}</h1>
        <p>
          <a href="/me">{t('members.me.title')}</a>
        </p>
        <ErrorSummary ctx={ctx} errors={errors} />
        <Avatar picture={profile.picture} name={profile.name} size={160} />
        {profile.picture ? null : <p>{t('members.picture.none')}</p>}
        <p class="muted">{t('members.picture.who')}</p>
        <form method="post" action="/me/picture" enctype="multipart/form-data" class="stack" novalidate>
          <CsrfField ctx={ctx} />
          <div>
            <label htmlFor="f-image">{t('members.picture.image')}</label>
            <input
              id="f-image"
              name="image"
              type="file"
              accept="image/jpeg,image/png,image/webp,image/gif"
              required
              aria-describedby={errors?.image ? 'f-image-help f-image-error' : 'f-image-help'}
              aria-invalid={errors?.image ? 'true' : undefined}
            />
            <p class="help" id="f-image-help">
              {t('members.picture.help')}
            </p>
            {errors?.image ? (
              <p class="field-error" id="f-image-error">
                {errors.image}
              </p>
            ) : null}
          </div>
          <div>
            <button type="submit">{t('members.picture.save')}</button>
          </div>
        </form>
        {profile.picture ? (
          <form method="post" action="/me/picture/delete" novalidate>
            <CsrfField ctx={ctx} />
            <button type="submit" class="secondary">
              {t('members.picture.remove')}
            </button>
          </form>
        ) : null}
      </Layout>,
      status,
    );
  }

  void app.register(async (scope) => {
    await scope.register(multipart, imageMultipart);
    const csrf = { preHandler: scope.csrfProtection };
    scope.get('/me/picture', (req, reply) => page(req, reply));
    scope.post('/me/picture', csrf, async (req, reply) => {
      const user = requireUser(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      try {
        await setMyPicture(db, store, req.network, user, uploadedImage(body.image));
      } catch (err) {
        // A refused picture (none, not an image, too large) is said beside its field.
        if (err instanceof AppError && err.errors.some((e) => e.field === 'image'))
          return page(req, reply, { image: err.detail }, 400);
        throw err;
      }
      return reply.redirect('/me/picture?done=saved', 303);
    });
    scope.post('/me/picture/delete', csrf, async (req, reply) => {
      await removeMyPicture(db, store, req.network, requireUser(req));
      return reply.redirect('/me/picture?done=deleted', 303);
    });
  });
}
