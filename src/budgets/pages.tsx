import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listChapters } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { ErrorSummary, Field, formError, type FormErrors, type FormValues, Select } from '../web/forms.js';
import { formatDay, formatDays } from '../events/format.js';
import { localizedText } from '../web/content.js';
import { formatEur, formatRate } from '../web/money.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { categoryLines, readCategoryForm, readGrantForm } from './forms.js';
import { MoneyNav } from './components.js';
import { budgetPolicy } from './policy.js';
import * as money from './service.js';
import { TableWrap } from '../web/table-wrap.js';

/** Grants and category sets: lists and forms for admins and network treasurers (organisers read the grants). */
export function grantPages(app: FastifyInstance, db: Db): void {
  const csrf = { preHandler: app.csrfProtection };
  const scopeOf = async (req: FastifyRequest) => {
    authorize(req.user, true, 'see the grants');
    return money.moneyScope(db, req.network, req.user);
  };

  const grantForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { id?: string; values?: FormValues; errors?: FormErrors },
  ) => {
    const scope = await scopeOf(req);
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const [grants, set, chapters] = await Promise.all([
      money.listGrants(db, req.network),
      money.defaultCategorySet(db, req.network),
      listChapters(db, req.network, { limit: 500 }),
    ]);
    const editing = opts.id ? await money.findGrant(db, req.network, opts.id) : undefined;
    if (opts.id) authorize(req.user, budgetPolicy.manageGrants(scope), 'record grants');
    else authorize(req.user, budgetPolicy.readGrants(scope), 'see the grants');
    const values: FormValues =
      opts.values ??
      (editing
        ? {
            funder: editing.funder,
            publicFunder: editing.publicFunder ? '1' : '',
            decisionRef: editing.decisionRef,
            chapter: editing.chapterSlug ?? '',
            amount: (editing.amountGrantedCents / 100).toFixed(2).replace('.', ','),
            ratePercent: String(editing.rateBp / 100).replace('.', ','),
            eligibleCategories: editing.eligibleCategories.join(','),
            periodStart: editing.periodStart,
            periodEnd: editing.periodEnd,
            justificationDeadline: editing.justificationDeadline ?? '',
          }
        : { publicFunder: '1', ratePercent: '50' });
    // The table names a grant's chapter as the reader calls it, not by its slug.
    const chapterName = (slug: string | null) => {
      const c = slug ? chapters.find((x) => x.slug === slug) : undefined;
      return c ? localizedText(c, 'name', locale) : (slug ?? undefined);
    };
    const chosen = new Set((values.eligibleCategories ?? '').split(','));
    const title = editing ? t('grants.edit', { funder: editing.funder }) : t('grants.title');
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        {editing ? null : grants.length ? (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('grants.funder')}</th>
                  <th scope="col">{t('grants.decisionRef')}</th>
                  <th scope="col">{t('grants.chapter')}</th>
                  <th scope="col" class="num">
                    {t('grants.amount')}
                  </th>
                  <th scope="col">{t('grants.rate')}</th>
                  <th scope="col">{t('grants.period')}</th>
                  <th scope="col">{t('grants.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {grants.map((g) => (
                  <tr>
                    <th scope="row">
                      {budgetPolicy.manageGrants(scope) ? <a href={`/admin/grants/${g.id}`}>{g.funder}</a> : g.funder}
                    </th>
                    <td>{g.decisionRef || '—'}</td>
                    <td>{chapterName(g.chapterSlug) ?? t('budgets.network')}</td>
                    <td class="num">{formatEur(g.amountGrantedCents, locale)}</td>
                    <td>{formatRate(g.rateBp, locale)}</td>
                    <td>{formatDays(g.periodStart, g.periodEnd, locale)}</td>
                    <td>{g.justificationDeadline ? formatDay(g.justificationDeadline, locale) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="muted">{t('grants.empty')}</p>
        )}
        {budgetPolicy.manageGrants(scope) ? (
          <form
            method="post"
            action={editing ? `/admin/grants/${editing.id}` : '/admin/grants'}
            class="stack"
            novalidate
          >
            {editing ? null : <h2>{t('grants.new')}</h2>}
            <ErrorSummary ctx={ctx} errors={opts.errors} />
            <CsrfField ctx={ctx} />
            <Field name="funder" label={t('grants.funder')} values={values} errors={opts.errors} required />
            <div>
              <input
                id="f-publicFunder"
                type="checkbox"
                name="publicFunder"
                value="1"
                checked={values.publicFunder === '1'}
              />{' '}
              <label htmlFor="f-publicFunder">{t('grants.publicFunder')}</label>
            </div>
            <Field name="decisionRef" label={t('grants.decisionRef')} values={values} errors={opts.errors} />
            <Select
              name="chapter"
              label={t('grants.chapter')}
              values={values}
              errors={opts.errors}
              options={[
                { value: '', label: t('budgets.network') },
                ...chapters.map((c) => ({ value: c.slug, label: c.name })),
              ]}
            />
            <Field name="amount" label={t('grants.amount')} values={values} errors={opts.errors} required />
            <Field
              name="ratePercent"
              label={t('grants.rate')}
              help={t('grants.rateHelp')}
              values={values}
              errors={opts.errors}
              required
            />
            <fieldset id="f-eligibleCategories">
              <legend>{t('grants.categories')}</legend>
              {opts.errors?.eligibleCategories ? <p class="field-error">{opts.errors.eligibleCategories}</p> : null}
              {set.categories.map((c) => (
                <div>
                  <input
                    id={`f-cat-${c.code}`}
                    type="checkbox"
                    name="eligibleCategories"
                    value={c.code}
                    checked={chosen.has(c.code)}
                  />{' '}
                  <label htmlFor={`f-cat-${c.code}`}>{c[locale]}</label>
                </div>
              ))}
            </fieldset>
            <Field
              name="periodStart"
              type="date"
              label={t('grants.periodStart')}
              values={values}
              errors={opts.errors}
              required
            />
            <Field
              name="periodEnd"
              type="date"
              label={t('grants.periodEnd')}
              values={values}
              errors={opts.errors}
              required
            />
            <Field
              name="justificationDeadline"
              type="date"
              label={t('grants.deadline')}
              values={values}
              errors={opts.errors}
            />
            <div>
              <button type="submit">{t('grants.save')}</button>
            </div>
          </form>
        ) : null}
        <MoneyNav ctx={ctx} />
      </Layout>,
      opts.errors ? 400 : 200,
    );
  };

  app.get('/admin/grants', (req, reply) => grantForm(req, reply, {}));
  app.get<{ Params: { id: string } }>('/admin/grants/:id', (req, reply) =>
    grantForm(req, reply, { id: req.params.id }),
  );
  const saveGrant = async (req: FastifyRequest, reply: FastifyReply, id?: string) => {
    authorize(req.user, budgetPolicy.manageGrants(await scopeOf(req)), 'record grants');
    const form = readGrantForm(req.body as Record<string, unknown>);
    if (!form.ok) return grantForm(req, reply, { id, values: form.values, errors: form.errors });
    try {
      if (id) await money.updateGrant(db, req.network, id, form.data, req.user);
      else await money.createGrant(db, req.network, form.data, req.user);
    } catch (err) {
      return grantForm(req, reply, { id, ...formError(err, form.values) });
    }
    return reply.redirect('/admin/grants?done=saved', 303);
  };
  app.post('/admin/grants', csrf, (req, reply) => saveGrant(req, reply));
  app.post<{ Params: { id: string } }>('/admin/grants/:id', csrf, (req, reply) => saveGrant(req, reply, req.params.id));

  const categoriesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    failed?: { id: string; values: FormValues; errors: FormErrors },
  ) => {
    const scope = await scopeOf(req);
    authorize(req.user, budgetPolicy.readCategories(scope), 'see categories');
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const sets = await money.listCategorySets(db, req.network);
    const canEdit = budgetPolicy.manageCategories(scope);
    const form = (id: string, action: string, initial: FormValues) => {
      const mine = failed?.id === id;
      const values = mine ? failed.values : initial;
      const errors = mine ? failed.errors : undefined;
      // One page, several forms: the form the error summary points into keeps the plain ids, the others their own.
      const own = mine || (!failed && id === 'new') ? undefined : (field: string) => `f-${id}-${field}`;
      return (
        <form method="post" action={action} class="stack" novalidate>
          <ErrorSummary ctx={ctx} errors={errors} />
          <CsrfField ctx={ctx} />
          <Field name="name" id={own?.('name')} label={t('categories.name')} values={values} errors={errors} required />
          <Field
            name="categories"
            id={own?.('categories')}
            label={t('categories.lines')}
            values={values}
            errors={errors}
            multiline
            required
          />
          <div>
            <button type="submit">{t('categories.save')}</button>
          </div>
        </form>
      );
    };
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('categories.title')}>
        <h1>{t('categories.title')}</h1>
        <p>{t('categories.intro')}</p>
        {sets.map((s) => (
          <section aria-labelledby={`set-${s.id}`}>
            <h2 id={`set-${s.id}`}>{s.isDefault ? `${s.name} · ${t('categories.default')}` : s.name}</h2>
            {canEdit ? (
              form(s.id, `/admin/category-sets/${s.id}`, { name: s.name, categories: categoryLines(s.categories) })
            ) : (
              <ul>
                {s.categories.map((c) => (
                  <li>{`${c.code} · ${c[ctx.locale]}`}</li>
                ))}
              </ul>
            )}
          </section>
        ))}
        {canEdit ? (
          <section aria-labelledby="new-set">
            <h2 id="new-set">{t('categories.new')}</h2>
            {form('new', '/admin/category-sets', {})}
          </section>
        ) : null}
        <MoneyNav ctx={ctx} />
      </Layout>,
      failed ? 400 : 200,
    );
  };
  app.get('/admin/category-sets', (req, reply) => categoriesPage(req, reply));
  const saveSet = async (req: FastifyRequest, reply: FastifyReply, id?: string) => {
    authorize(req.user, budgetPolicy.manageCategories(await scopeOf(req)), 'edit categories');
    const form = readCategoryForm(req.body as Record<string, unknown>);
    if (!form.ok) return categoriesPage(req, reply, { id: id ?? 'new', values: form.values, errors: form.errors });
    try {
      if (id) await money.updateCategorySet(db, req.network, id, form.data, req.user);
      else await money.createCategorySet(db, req.network, form.data, req.user);
    } catch (err) {
      return categoriesPage(req, reply, { id: id ?? 'new', ...formError(err, form.values) });
    }
    return reply.redirect('/admin/category-sets?done=saved', 303);
  };
  app.post('/admin/category-sets', csrf, (req, reply) => saveSet(req, reply));
  app.post<{ Params: { id: string } }>('/admin/category-sets/:id', csrf, (req, reply) =>
    saveSet(req, reply, req.params.id),
  );
}
