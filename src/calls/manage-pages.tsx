import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parse } from 'yaml';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { AppError, fieldErrors, type FieldError } from '../web/errors.js';
import { ErrorSummary, Field, Select, type FormErrors, type FormValues } from '../web/forms.js';
import { currentLocale, msg, render, translator } from '../web/i18n.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { callInput, callValues, formField, newCallInput, STAGE_ROWS } from './form.js';
import { CallCreateSchema, CallUpdateSchema } from './schemas.js';
import * as calls from './service.js';

const LANGS = ['fr', 'nl', 'en'] as const;
type Mode = { kind: 'new' } | { kind: 'edit'; call: calls.CallRow; frozen: boolean };

/** Errors as the form shows them: by the form's field names; a list's error says where in the YAML. */
function errorsOf(list: readonly FieldError[]): FormErrors {
  const t = translator(currentLocale());
  const out: FormErrors = {};
  for (const e of list) {
    const field = formField(e.field);
    const text = render(t, e.message);
    out[field] ??= field === 'lists' && e.field.startsWith('rules.') ? `${e.field.slice(6)}: ${text}` : text;
  }
  return out;
}

function CallForm({
  ctx,
  mode,
  values,
  errors,
}: {
  ctx: PageContext;
  mode: Mode;
  values: FormValues;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  const f = { values, errors };
  return (
    <>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        {mode.kind === 'edit' && mode.frozen ? (
          <>
            <p class="notice">{t('calls.edit.frozen')}</p>
            <Field name="reason" label={t('calls.edit.reason')} multiline required {...f} />
          </>
        ) : null}
        {mode.kind === 'new' ? (
          <fieldset>
            <legend>{t('calls.edit.owner')}</legend>
            <Select
              name="kind"
              label={t('calls.edit.kind')}
              options={(['projects', 'talks'] as const).map((k) => ({ value: k, label: t(`calls.kind.${k}`) }))}
              {...f}
            />
            <Field name="chapter" label={t('calls.edit.chapter')} help={t('calls.edit.chapterHelp')} {...f} />
            <Field name="eventId" label={t('calls.edit.event')} help={t('calls.edit.eventHelp')} {...f} />
            <Field name="slug" label={t('calls.edit.slug')} help={t('calls.edit.slugHelp')} {...f} />
          </fieldset>
        ) : null}
        <fieldset>
          <legend>{t('calls.edit.texts')}</legend>
          {LANGS.map((l) => (
            <Field name={`title.${l}`} label={t(`calls.edit.title.${l}`)} required {...f} />
          ))}
          {LANGS.map((l) => (
            <Field name={`description.${l}`} label={t(`calls.edit.description.${l}`)} multiline {...f} />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('calls.edit.dates')}</legend>
          <Field name="opensAt" type="datetime-local" label={t('calls.edit.opensAt')} required {...f} />
          <Field name="closesAt" type="datetime-local" label={t('calls.edit.closesAt')} required {...f} />
        </fieldset>
        {mode.kind === 'new' ? (
          <fieldset id="f-stages">
            <legend>{t('calls.stages')}</legend>
            <p class="muted">{t('calls.edit.stagesHelp')}</p>
            {Array.from({ length: STAGE_ROWS }, (_, i) => (
              <div>
                <Field name={`stage${i}.name`} label={t('calls.edit.stageName', { n: i + 1 })} {...f} />
                <input
                  type="checkbox"
                  id={`f-stage${i}-blind`}
                  name={`stage${i}.blind`}
                  value="yes"
                  checked={values[`stage${i}.blind`] === 'yes'}
                />
                <label htmlFor={`f-stage${i}-blind`}>{t('calls.blind')}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <fieldset>
          <legend>{t('calls.edit.questions')}</legend>
          <Field name="lists" label={t('calls.edit.lists')} help={t('calls.edit.listsHelp')} multiline {...f} />
        </fieldset>
        <fieldset>
          <legend>{t('calls.selection')}</legend>
          <Field name="places" type="number" min={1} label={t('calls.edit.places')} {...f} />
          <Field name="budget" label={t('calls.edit.budget')} {...f} />
          <Field name="tiers" label={t('calls.edit.tiers')} help={t('calls.edit.tiersHelp')} multiline {...f} />
          <Select
            name="tieBreak"
            label={t('calls.edit.tieBreak')}
            options={(['earliest_submission', 'criterion', 'normalised'] as const).map((k) => ({
              value: k,
              label: t(`calls.tieBreak.${k}`),
            }))}
            {...f}
          />
          <Field name="tieBreakCriterion" label={t('calls.edit.tieBreakCriterion')} {...f} />
          <Select
            name="rankBy"
            label={t('calls.edit.rankBy')}
            options={(['raw', 'normalised'] as const).map((k) => ({ value: k, label: t(`calls.rankBy.${k}`) }))}
            {...f}
          />
        </fieldset>
        <fieldset>
          <legend>{t('calls.edit.jury')}</legend>
          <Field
            name="reviewsPerSubmission"
            type="number"
            min={1}
            label={t('calls.edit.reviewsPerSubmission')}
            {...f}
          />
          <Field name="appealDays" type="number" min={0} label={t('calls.edit.appealDays')} {...f} />
          <div>
            <input
              type="checkbox"
              id="f-softConflictsMayReview"
              name="softConflictsMayReview"
              value="yes"
              checked={values.softConflictsMayReview === 'yes'}
            />
            <label htmlFor="f-softConflictsMayReview">{t('calls.edit.softConflicts')}</label>
          </div>
          {LANGS.map((l) => (
            <Field name={`conflictPolicy.${l}`} label={t(`calls.edit.conflictPolicy.${l}`)} multiline {...f} />
          ))}
        </fieldset>
        <div>
          <button type="submit">{t(mode.kind === 'new' ? 'calls.edit.create' : 'form.save')}</button>
        </div>
      </form>
    </>
  );
}

/** Call managers create and edit calls from pages: the same schema and rules as the API. */
export function callManagePages(app: FastifyInstance, db: Db, config: Config): void {
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    mode: Mode,
    values: FormValues,
    errors?: FormErrors,
    status = 200,
  ) => {
    const ctx = pageContext(req, reply);
    const title =
      mode.kind === 'new'
        ? ctx.t('calls.edit.newTitle')
        : ctx.t('calls.edit.editTitle', { title: mode.call.title[ctx.locale] });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        {mode.kind === 'edit' ? (
          <p>
            <a href={`/calls/${mode.call.slug}`}>{ctx.t('calls.edit.public')}</a> ·{' '}
            <a href={`/calls/${mode.call.slug}/jury`}>{ctx.t('calls.edit.jury')}</a> ·{' '}
            <a href={`/calls/${mode.call.slug}/results`}>{ctx.t('calls.edit.results')}</a>
          </p>
        ) : null}
        <CallForm ctx={ctx} mode={mode} values={values} {...(errors ? { errors } : {})} />
      </Layout>,
      status,
    );
  };
  const editMode = async (req: FastifyRequest) => {
    const call = await calls.findCall(db, req.network, (req.params as { slug: string }).slug);
    authorize(req.user, await calls.callPolicy.manage(db, req.user, call), 'change this call');
    return { kind: 'edit' as const, call, frozen: calls.callState(call) !== 'upcoming' };
  };
  /** The YAML must parse before the schema can say anything about what it holds. */
  const yamlError = (v: FormValues): FormErrors | undefined => {
    try {
      parse(v.lists ?? '');
      return undefined;
    } catch (e) {
      return {
        lists: render(
          translator(currentLocale()),
          msg('calls.edit.notYaml', { why: String((e as Error).message).split('\n')[0]! }),
        ),
      };
    }
  };

  app.get('/calls/new', async (req, reply) => {
    authorize(req.user, req.staff, 'create a call here');
    return show(req, reply, { kind: 'new' }, callValues());
  });
  app.post('/calls/new', { preHandler: app.csrfProtection }, async (req, reply) => {
    authorize(req.user, req.staff, 'create a call here');
    const values = valuesOf(req.body);
    const bad = yamlError(values);
    if (bad) return show(req, reply, { kind: 'new' }, values, bad, 400);
    const parsed = CallCreateSchema.safeParse(newCallInput(values));
    if (!parsed.success)
      return show(
        req,
        reply,
        { kind: 'new' },
        values,
        errorsOf(fieldErrors(parsed.error.issues, newCallInput(values))),
        400,
      );
    try {
      const call = await calls.createCall(db, req.network, req.user, parsed.data);
      return reply.redirect(`/calls/${call.slug}/edit?done=created`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'validation' && err.code !== 'conflict')) throw err;
      return show(
        req,
        reply,
        { kind: 'new' },
        values,
        { ...errorsOf(err.errors), ...(err.errors.length ? {} : { slug: err.detail }) },
        err.status,
      );
    }
  });

  app.get('/calls/:slug/edit', async (req, reply) => {
    const mode = await editMode(req);
    return show(req, reply, mode, callValues(mode.call, await calls.stagesOf(db, mode.call.id)));
  });
  app.post('/calls/:slug/edit', { preHandler: app.csrfProtection }, async (req, reply) => {
    const mode = await editMode(req);
    const values = valuesOf(req.body);
    const bad = yamlError(values);
    if (bad) return show(req, reply, mode, values, bad, 400);
    const input = {
      ...callInput(values, mode.call.rules),
      ...(mode.frozen ? { newVersion: { reason: values.reason ?? '' } } : {}),
    };
    const parsed = CallUpdateSchema.safeParse(input);
    const errors = parsed.success ? undefined : errorsOf(fieldErrors(parsed.error.issues, input));
    if (errors?.['newVersion.reason']) errors.reason = errors['newVersion.reason'];
    if (!parsed.success) return show(req, reply, mode, values, errors, 400);
    try {
      await calls.updateCall(db, req.network, req.user, mode.call.id, parsed.data, { baseUrl: config.baseUrl });
      return reply.redirect(`/calls/${mode.call.slug}/edit?done=saved`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'validation' && err.code !== 'conflict')) throw err;
      return show(
        req,
        reply,
        mode,
        values,
        { ...errorsOf(err.errors), ...(err.errors.length ? {} : { reason: err.detail }) },
        err.status,
      );
    }
  });
}

const valuesOf = (body: unknown): FormValues =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([k, v]) => k !== '_csrf' && typeof v === 'string')
      .map(([k, v]) => [k, v as string]),
  );
