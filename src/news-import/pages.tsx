import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { requireUser } from '../web/context.js';
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
import { msg } from '../web/i18n.js';
import { CsrfField, Layout, type PageContext, pageContext, sendPage } from '../web/page.js';
import { findImportJob, type ImportJob, listImportJobs, previewImport, resumeImport, startImport } from './jobs.js';
import { ImportOptionsSchema } from './schemas.js';
import type { JobSummary } from './tables.js';
import { blobStoreFor } from '../storage/service.js';

/** A WXR of 100 MB is the large case; twice that is refused before it fills the disk. */
const MAX_MB = 200;
type Upload = { path: string; name: string; size: number; truncated: boolean };

function Counts({ ctx, s, fetching }: { ctx: PageContext; s: JobSummary; fetching: boolean }) {
  const { t } = ctx;
  const more = (s.problemsTotal ?? 0) - (s.problems?.length ?? 0);
  return (
    <>
      <p>
        {t('newsImport.counts', {
          created: s.created,
          updated: s.updated,
          unchanged: s.unchanged,
          skipped: s.skipped,
          failed: s.failed,
        })}
      </p>
      <p>
        {t('newsImport.extras', {
          redirects: s.redirects,
          applied: s.repairsApplied,
          queued: s.repairsQueued,
          attachments: s.attachments,
        })}
      </p>
      {fetching && s.mediaFetched !== undefined ? (
        <p>{t('newsImport.media', { fetched: s.mediaFetched, failed: s.mediaFailed ?? 0 })}</p>
      ) : null}
      {s.problems?.length ? (
        <>
          <h3>{t('newsImport.problems')}</h3>
          <ul>
            {s.problems.map((p) => (
              <li>
                <code>{p.item}</code> — {p.reason}
              </li>
            ))}
          </ul>
          {more > 0 ? <p>{t('newsImport.moreProblems', { count: more })}</p> : null}
        </>
      ) : null}
    </>
  );
}

/** The options an import was started with, as the preview and the result show them. */
function Chosen({ ctx, job }: { ctx: PageContext; job: ImportJob }) {
  const { t } = ctx;
  const lines = [
    job.baseUrl ? t('newsImport.chosen.baseUrl', { url: job.baseUrl }) : null,
    job.fetchMedia ? t('newsImport.chosen.fetchMedia') : t('newsImport.chosen.noMedia'),
    job.keepGoing ? t('newsImport.chosen.keepGoing') : t('newsImport.chosen.allOrNothing'),
  ].filter((l): l is string => !!l);
  return (
    <ul class="import-options">
      {lines.map((l) => (
        <li>{l}</li>
      ))}
    </ul>
  );
}

/** Editors: upload → dry run → confirm → progress (the page reloads itself while the job runs). */
export function newsImportPages(app: FastifyInstance, db: Db, config: Config): void {
  const dir = path.join(config.dataDir, 'imports');

  const media = { store: blobStoreFor(config), allowPrivate: config.allowPrivateWebhooks };

  async function form(
    req: FastifyRequest,
    reply: FastifyReply,
    errors?: FormErrors,
    status = 200,
    values: FormValues = {},
  ) {
    const user = requireUser(req);
    const jobs = await listImportJobs(db, req.network, user);
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('newsImport.title')}>
        <h1>{t('newsImport.title')}</h1>
        <p>{t('newsImport.intro')}</p>
        <ErrorSummary ctx={ctx} errors={errors} />
        <form method="post" action="/admin/news/import" enctype="multipart/form-data" class="stack" novalidate>
          <CsrfField ctx={ctx} />
          <label for="f-file">{t('newsImport.file')}</label>
          <input id="f-file" type="file" name="file" accept=".xml,application/xml,text/xml" required />
          <fieldset>
            <legend>{t('newsImport.options')}</legend>
            <Field
              name="baseUrl"
              type="url"
              label={t('newsImport.baseUrl')}
              help={t('newsImport.baseUrlHelp')}
              values={values}
              errors={errors}
            />
            <div>
              <input type="checkbox" id="f-fetchMedia" name="fetchMedia" checked={values.fetchMedia === 'on'} />{' '}
              <label for="f-fetchMedia">{t('newsImport.fetchMedia')}</label>
            </div>
            <div>
              <input type="checkbox" id="f-keepGoing" name="keepGoing" checked={values.keepGoing === 'on'} />{' '}
              <label for="f-keepGoing">{t('newsImport.keepGoing')}</label>
            </div>
          </fieldset>
          <button type="submit">{t('newsImport.preview')}</button>
        </form>
        <h2>{t('newsImport.recent')}</h2>
        {jobs.length ? (
          <ul>
            {jobs.map((j) => (
              <li>
                <a href={`/admin/news/import/${j.id}`}>{j.fileName}</a> — {t(`newsImport.status.${j.status}`)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('newsImport.none')}</p>
        )}
      </Layout>,
      status,
    );
  }

  app.get('/admin/news/import', (req, reply) => form(req, reply));

  app.get<{ Params: { id: string } }>('/admin/news/import/:id', async (req, reply) => {
    const job: ImportJob = await findImportJob(db, req.network, requireUser(req), req.params.id);
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const running = job.status === 'running';
    // A dry run until confirmed; once started, the page is the import's, and says nothing of a dry run.
    const dry = job.status === 'previewed';
    const title = t(dry ? 'newsImport.previewTitle' : 'newsImport.jobTitle', { file: job.fileName });
    return sendPage(
      reply,
      <Layout
        ctx={ctx}
        title={title}
        // The job row is polled by reloading the page every two seconds while the import runs.
        head={running ? <meta http-equiv="refresh" content="2" /> : undefined}
      >
        <h1>{title}</h1>
        {dry || job.status === 'interrupted' ? <Chosen ctx={ctx} job={job} /> : null}
        {job.preview && job.status !== 'done' ? <Counts ctx={ctx} s={job.preview} fetching={false} /> : null}
        {job.status === 'previewed' ? (
          <form method="post" action={`/admin/news/import/${job.id}/run`} novalidate>
            <CsrfField ctx={ctx} />
            <button type="submit">{t('newsImport.confirm')}</button>
          </form>
        ) : null}
        {running ? (
          <section aria-live="polite">
            <p>{t('newsImport.running', { items: job.items })}</p>
            <progress aria-label={t('newsImport.progressLabel')} max={job.totalBytes} value={job.bytesRead} />
          </section>
        ) : null}
        {job.status === 'done' && job.result ? (
          <section role="status">
            <h2>{t('newsImport.done')}</h2>
            <Counts ctx={ctx} s={job.result} fetching={job.fetchMedia} />
          </section>
        ) : null}
        {job.status === 'failed' ? <p role="alert">{t('newsImport.failed', { error: job.error ?? '' })}</p> : null}
        {job.status === 'interrupted' ? (
          <section>
            <p role="alert">{t('newsImport.interrupted')}</p>
            <form method="post" action={`/admin/news/import/${job.id}/resume`} novalidate>
              <CsrfField ctx={ctx} />
              <button type="submit">{t('newsImport.resume')}</button>
            </form>
          </section>
        ) : null}
      </Layout>,
    );
  });

  app.post<{ Params: { id: string } }>(
    '/admin/news/import/:id/run',
    { preHandler: app.csrfProtection },
    async (req, reply) => {
      const job = await startImport(db, req.network, requireUser(req), req.params.id, media);
      return reply.redirect(`/admin/news/import/${job.id}`, 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/admin/news/import/:id/resume',
    { preHandler: app.csrfProtection },
    async (req, reply) => {
      const job = await resumeImport(db, req.network, requireUser(req), req.params.id, media);
      return reply.redirect(`/admin/news/import/${job.id}`, 303);
    },
  );

  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_MB * 1_048_576, files: 1, fields: 5, parts: 6 },
      // Streamed to the data directory: a 100 MB export never sits in memory.
      async onFile(part: MultipartFile) {
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `${randomUUID()}.xml`);
        await pipeline(part.file, fs.createWriteStream(file));
        const upload: Upload = {
          path: file,
          name: path.basename(part.filename || 'export.xml').slice(0, 200),
          size: fs.statSync(file).size,
          truncated: part.file.truncated,
        };
        (part as unknown as { value: Upload }).value = upload;
      },
    });
    scope.post(
      '/admin/news/import',
      { onRequest: async (req) => void requireUser(req), preHandler: scope.csrfProtection },
      async (req, reply) => {
        const user = requireUser(req);
        const body = (req.body ?? {}) as Record<string, unknown> & { file?: Upload | string };
        const file = body.file;
        const values = formValues(body);
        delete values.file;
        try {
          const options = validate(ImportOptionsSchema, values, values);
          if (!options.ok) {
            if (typeof file === 'object') fs.rmSync(file.path, { force: true });
            return form(req, reply, options.errors, 400, values);
          }
          if (typeof file !== 'object' || !file.size)
            throw new AppError('validation', msg('newsImport.error.noFile'), [
              { field: 'file', message: msg('newsImport.error.noFile') },
            ]);
          if (file.truncated) {
            fs.rmSync(file.path, { force: true });
            throw new AppError('payload_too_large', msg('newsImport.error.tooLarge', { mb: MAX_MB }), [
              { field: 'file', message: msg('newsImport.error.tooLarge', { mb: MAX_MB }) },
            ]);
          }
          const job = await previewImport(db, req.network, user, file, options.data);
          return reply.redirect(`/admin/news/import/${job.id}`, 303);
        } catch (err) {
          // A refused file (not allowed, not WXR, too large) does not stay in the data directory.
          if (typeof file === 'object') fs.rmSync(file.path, { force: true });
          if (err instanceof AppError && err.status === 413) return form(req, reply, { file: err.detail }, 413, values);
          const { errors } = formError(err, {});
          return form(req, reply, errors, 400, values);
        }
      },
    );
  });
}
