import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { authorize, isAdmin } from '../web/policy.js';
import { ImportRefused } from './refusal.js';
import { importMembers, MAX_BYTES, MAX_ROWS, reasonText, type ImportResult } from './service.js';
import { stashUpload, takeUpload } from './stash.js';
import { TableWrap } from '../web/table-wrap.js';

/** Rejected rows shown on the page; the API and the command line give them all. */
const SHOWN = 100;

interface Upload {
  filename: string;
  bytes: Buffer;
  truncated: boolean;
}
interface CheckBody {
  _csrf?: string;
  file?: Upload | string;
  map?: string;
  welcome?: string;
}
interface RunBody {
  token?: string;
  welcome?: string;
}

function UploadForm({ ctx, error }: { ctx: PageContext; error?: string }) {
  const { t } = ctx;
  return (
    <>
      {error ? (
        <div class="errors" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <form method="post" action="/admin/members/import/check" enctype="multipart/form-data" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <div>
          <label htmlFor="f-file">{t('import.file')}</label>
          <input type="file" id="f-file" name="file" accept=".csv,text/csv,text/plain" required />
        </div>
        <div>
          <label htmlFor="f-map">{t('import.map')}</label>
          <input type="text" id="f-map" name="map" aria-describedby="f-map-help" />
          <p class="muted" id="f-map-help">
            {t('import.mapHint')}
          </p>
        </div>
        <div>
          <input type="checkbox" id="f-welcome" name="welcome" value="on" />{' '}
          <label htmlFor="f-welcome" class="inline">
            {t('import.welcomeMail')}
          </label>
        </div>
        <div>
          <button type="submit">{t('import.check')}</button>
        </div>
      </form>
    </>
  );
}

function Report({ ctx, result }: { ctx: PageContext; result: ImportResult }) {
  const { t } = ctx;
  const { mapping, rejected } = result;
  return (
    <>
      <p class="notice" role="status" id="import-summary">
        {t('import.summary', { created: result.created, known: result.known, rejected: rejected.length })}
      </p>
      <h2>{t('import.columns')}</h2>
      {mapping.header ? null : <p class="muted">{t('import.noHeader')}</p>}
      <TableWrap>
        <table id="import-mapping">
          <thead>
            <tr>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.field')}</th>
            </tr>
          </thead>
          <tbody>
            {mapping.headers.map((h, i) => {
              const field = mapping.columns[i];
              return (
                <tr>
                  <td>{h}</td>
                  <td>{field ? t(`import.field.${field}`) : <span class="muted">{t('import.ignored')}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      {rejected.length ? (
        <>
          <h2>{t('import.rejectedRows')}</h2>
          <TableWrap>
            <table id="import-rejected">
              <thead>
                <tr>
                  <th scope="col">{t('import.line')}</th>
                  <th scope="col">{t('import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rejected.slice(0, SHOWN).map((r) => (
                  <tr>
                    <td>{r.line}</td>
                    <td>{reasonText(r, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {rejected.length > SHOWN ? <p class="muted">{t('import.more', { count: rejected.length - SHOWN })}</p> : null}
        </>
      ) : null}
    </>
  );
}

function page(req: FastifyRequest, reply: FastifyReply, body: (ctx: PageContext) => ComponentChildren, status = 200) {
  const ctx = pageContext(req, reply);
  return sendPage(
    reply,
    <Layout ctx={ctx} title={ctx.t('import.title')}>
      <h1>{ctx.t('import.title')}</h1>
      {body(ctx)}
    </Layout>,
    status,
  );
}

const uploadPage = (req: FastifyRequest, reply: FastifyReply, error?: (ctx: PageContext) => string, status = 200) =>
  page(
    req,
    reply,
    (ctx) => (
      <>
        <p>{ctx.t('import.intro', { maxMb: MAX_BYTES / 1024 / 1024, maxRows: MAX_ROWS })}</p>
        <UploadForm ctx={ctx} error={error?.(ctx)} />
      </>
    ),
    status,
  );

/** A file refused as a whole is shown on the upload form in the admin's language; anything else is an error. */
const refusedPage = (req: FastifyRequest, reply: FastifyReply, err: unknown) => {
  if (!(err instanceof ImportRefused)) throw err;
  return uploadPage(req, reply, (ctx) => err.translated(ctx.t), err.status);
};

/**
 * Admins only. Upload (multipart) → dry-run report with the column mapping → "Import N members"
 * → the summary. The file waits between the two steps in a private stash (see stash.ts).
 */
export function importPages(app: FastifyInstance, db: Db, config: Config): void {
  // Before any body is read: only an admin's upload is even parsed.
  const admin = { onRequest: async (req: FastifyRequest) => authorize(req.user, isAdmin(req.user), 'import members') };

  app.get('/admin/members/import', admin, (req, reply) => uploadPage(req, reply));

  void app.register(async (scope) => {
    // Multipart only here, with the file in memory up to the import limit, then cut (refused below).
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_BYTES, files: 1, fields: 5, parts: 6 },
      async onFile(part: MultipartFile) {
        const bytes = await part.toBuffer();
        (part as unknown as { value: Upload }).value = {
          filename: part.filename,
          bytes,
          truncated: part.file.truncated,
        };
      },
    });
    scope.post<{ Body: CheckBody }>(
      '/admin/members/import/check',
      { ...admin, preHandler: scope.csrfProtection },
      async (req, reply) => {
        const user = req.user!;
        const file = typeof req.body?.file === 'object' ? req.body.file : undefined;
        const map = req.body?.map?.trim() || undefined;
        const welcome = req.body?.welcome === 'on';
        try {
          if (file?.truncated) throw new ImportRefused('size', { maxMb: String(MAX_BYTES / 1024 / 1024) });
          const result = await importMembers(db, req.network, file?.bytes ?? Buffer.alloc(0), {
            dryRun: true,
            map,
            fileName: file?.filename ?? 'upload.csv',
            actor: user,
            baseUrl: config.baseUrl,
          });
          const token = result.created
            ? await stashUpload(file!.bytes, {
                userId: user.id,
                networkId: req.network.id,
                fileName: file!.filename || 'upload.csv',
              })
            : '';
          return page(req, reply, (ctx) => (
            <>
              <p>{ctx.t('import.dryRun')}</p>
              <Report ctx={ctx} result={result} />
              {result.created ? (
                <form method="post" action="/admin/members/import/run" class="stack" novalidate>
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="token" value={token} />
                  {map ? <input type="hidden" name="map" value={map} /> : null}
                  {welcome ? <input type="hidden" name="welcome" value="on" /> : null}
                  <p>{welcome ? ctx.t('import.welcomeOn') : ctx.t('import.welcomeOff')}</p>
                  <div>
                    <button type="submit">{ctx.t('import.confirm', { count: result.created })}</button>
                  </div>
                </form>
              ) : (
                <p>{ctx.t('import.nothing')}</p>
              )}
              <p>
                <a href="/admin/members/import">{ctx.t('import.again')}</a>
              </p>
            </>
          ));
        } catch (err) {
          return refusedPage(req, reply, err);
        }
      },
    );
  });

  app.post<{ Body: RunBody & { map?: string } }>(
    '/admin/members/import/run',
    { ...admin, preHandler: app.csrfProtection },
    async (req, reply) => {
      const user = req.user!;
      const upload = await takeUpload(String(req.body?.token ?? ''), { userId: user.id, networkId: req.network.id });
      if (!upload) return uploadPage(req, reply, (ctx) => ctx.t('import.expired'), 410);
      try {
        const result = await importMembers(db, req.network, upload.bytes, {
          map: req.body?.map?.trim() || undefined,
          welcome: req.body?.welcome === 'on',
          fileName: upload.fileName,
          actor: user,
          baseUrl: config.baseUrl,
        });
        return page(req, reply, (ctx) => (
          <>
            <p>{ctx.t('import.done')}</p>
            <Report ctx={ctx} result={result} />
            <p>
              <a href="/admin/members/import">{ctx.t('import.again')}</a>
            </p>
          </>
        ));
      } catch (err) {
        return refusedPage(req, reply, err);
      }
    },
  );
}
