import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findChapter, listChapters } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { ErrorSummary, formError, type FormErrors, type FormValues } from '../web/forms.js';
import { localizedText } from '../web/content.js';
import { formatEur } from '../web/money.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { readBudgetForm } from './forms.js';
import { ActualPage } from './actual-page.js';
import { MoneyNav } from './components.js';
import { budgetPolicy } from './policy.js';
import { brusselsToday } from './present.js';
import * as money from './service.js';
import { TableWrap } from '../web/table-wrap.js';

const EMPTY_ROWS = 4;
const KINDS = ['grant', 'sponsorship', 'own_funds', 'expense'] as const;
const yearOf = (req: FastifyRequest) => {
  const y = Number((req.query as { year?: string }).year);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : Number(brusselsToday().slice(0, 4));
};
const eur = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/** Year budgets of the network and its chapters (income and planned expense lines), and budget vs actual on a date. */
export function budgetPages(app: FastifyInstance, db: Db): void {
  const csrf = { preHandler: app.csrfProtection };
  const scopeOf = async (req: FastifyRequest) => {
    authorize(req.user, true, 'see budgets');
    const scope = await money.moneyScope(db, req.network, req.user);
    authorize(req.user, budgetPolicy.listBudgets(scope), 'see budgets');
    return scope;
  };

  app.get('/admin/budgets', async (req, reply) => {
    const scope = await scopeOf(req);
    const year = yearOf(req);
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const [budgets, chapters] = await Promise.all([
      money.listBudgets(db, req.network, { year }),
      listChapters(db, req.network, { limit: 500 }),
    ]);
    const scopes = [
      { id: null as string | null, key: 'network', name: t('budgets.network') },
      ...chapters.map((c) => ({ id: c.id as string | null, key: c.slug, name: c.name })),
    ].filter((s) => budgetPolicy.readBudget(scope, s.id));
    const sum = (b: (typeof budgets)[number] | undefined, income: boolean) =>
      (b?.lines ?? []).filter((l) => (l.kind !== 'expense') === income).reduce((s, l) => s + l.amountCents, 0);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={`${t('budgets.title')} ${year}`}>
        <h1>{`${t('budgets.title')} ${year}`}</h1>
        <p>{t('budgets.intro')}</p>
        <form method="get" action="/admin/budgets" class="inline">
          <label htmlFor="f-year">{t('budgets.year')}</label>{' '}
          <input id="f-year" name="year" type="number" min={2000} max={2100} value={String(year)} />{' '}
          <button type="submit">{t('budgets.show')}</button>
        </form>
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('budgets.scope')}</th>
                <th scope="col" class="num">
                  {t('budgets.income')}
                </th>
                <th scope="col" class="num">
                  {t('budgets.planned')}
                </th>
                <th scope="col">{t('budgets.editLink')}</th>
              </tr>
            </thead>
            <tbody>
              {scopes.map((s) => {
                const b = budgets.find((x) => x.chapterId === s.id);
                return (
                  <tr>
                    <th scope="row">{s.name}</th>
                    <td class="num">{b ? formatEur(sum(b, true), locale) : t('budgets.none')}</td>
                    <td class="num">{b ? formatEur(sum(b, false), locale) : '—'}</td>
                    <td>
                      {budgetPolicy.writeBudget(scope, s.id) ? (
                        <a href={`/admin/budgets/${year}/${s.key}`}>
                          {t('budgets.edit', {
                            scope: s.id ? s.name : t('budgets.networkInSentence'),
                            year: String(year),
                          })}
                        </a>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
        <MoneyNav ctx={ctx} />
      </Layout>,
    );
  });

  type EditParams = { Params: { year: string; scope: string } };
  const editor = async (
    req: FastifyRequest<EditParams>,
    reply: FastifyReply,
    failed?: { values: FormValues; errors: FormErrors },
  ) => {
    const scope = await scopeOf(req);
    const year = Number(req.params.year);
    const chapter = req.params.scope === 'network' ? null : await findChapter(db, req.network, req.params.scope);
    authorize(req.user, budgetPolicy.writeBudget(scope, chapter?.id ?? null), 'set this budget');
    if (!Number.isInteger(year) || year < 2000 || year > 2100) return reply.callNotFound();
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const [budgets, grants, set] = await Promise.all([
      money.listBudgets(db, req.network, { year, chapterId: chapter?.id ?? null }),
      money.listGrants(db, req.network),
      money.defaultCategorySet(db, req.network),
    ]);
    const lines = budgets[0]?.lines ?? [];
    const values: FormValues = failed?.values ?? {};
    if (!failed)
      lines.forEach((l, i) => {
        values[`lines.${i}.kind`] = l.kind;
        values[`lines.${i}.grantId`] = l.grantId ?? '';
        values[`lines.${i}.category`] = l.category ?? '';
        values[`lines.${i}.label`] = l.label;
        values[`lines.${i}.amount`] = eur(l.amountCents);
      });
    const used = Math.max(
      lines.length,
      ...Object.keys(values).map((k) => Number(/^lines\.(\d+)\./.exec(k)?.[1] ?? -1) + 1),
    );
    const name = chapter ? localizedText(chapter, 'name', ctx.locale) : t('budgets.networkInSentence');
    const title = t('budgets.edit', { scope: name, year: String(year) });
    const select = (i: number, field: string, label: string, options: { value: string; label: string }[]) => {
      const key = `lines.${i}.${field}`;
      return (
        <select
          id={`f-lines-${i}-${field}`}
          name={key}
          aria-label={`${t('budgets.line', { n: i + 1 })} · ${label}`}
          aria-invalid={failed?.errors[key] ? 'true' : undefined}
        >
          {options.map((o) => (
            <option value={o.value} selected={values[key] === o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    };
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <ErrorSummary ctx={ctx} errors={failed?.errors} />
        <form method="post" action={`/admin/budgets/${year}/${req.params.scope}`} class="stack" novalidate>
          <CsrfField ctx={ctx} />
          <p class="help">{t('budgets.linesHelp')}</p>
          <TableWrap>
            <table>
              <caption>{t('budgets.lines')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('budgets.kind')}</th>
                  <th scope="col">{t('budgets.grant')}</th>
                  <th scope="col">{t('budgets.category')}</th>
                  <th scope="col">{t('budgets.label')}</th>
                  <th scope="col">{t('budgets.amount')}</th>
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: used + EMPTY_ROWS }, (_, i) => (
                  <tr>
                    <td>
                      {select(
                        i,
                        'kind',
                        t('budgets.kind'),
                        KINDS.map((k) => ({ value: k, label: t(`budgets.kind.${k}`) })),
                      )}
                    </td>
                    <td>
                      {select(i, 'grantId', t('budgets.grant'), [
                        { value: '', label: t('budgets.none.option') },
                        ...grants.map((g) => ({ value: g.id, label: `${g.funder} ${g.decisionRef}`.trim() })),
                      ])}
                    </td>
                    <td>
                      {select(i, 'category', t('budgets.category'), [
                        { value: '', label: t('budgets.none.option') },
                        ...set.categories.map((c) => ({ value: c.code, label: c[locale] })),
                      ])}
                    </td>
                    <td>
                      <input
                        type="text"
                        id={`f-lines-${i}-label`}
                        name={`lines.${i}.label`}
                        aria-label={`${t('budgets.line', { n: i + 1 })} · ${t('budgets.label')}`}
                        value={values[`lines.${i}.label`] ?? ''}
                      />
                    </td>
                    <td>
                      <input
                        type="text"
                        id={`f-lines-${i}-amount`}
                        name={`lines.${i}.amount`}
                        aria-label={`${t('budgets.line', { n: i + 1 })} · ${t('budgets.amount')}`}
                        inputMode="decimal"
                        value={values[`lines.${i}.amount`] ?? ''}
                        aria-invalid={failed?.errors[`lines.${i}.amount`] ? 'true' : undefined}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <div>
            <button type="submit">{t('budgets.save')}</button>
          </div>
        </form>
        <MoneyNav ctx={ctx} />
      </Layout>,
      failed ? 400 : 200,
    );
  };
  app.get<EditParams>('/admin/budgets/:year/:scope', (req, reply) => editor(req, reply));
  app.post<EditParams>('/admin/budgets/:year/:scope', csrf, async (req, reply) => {
    const scope = await scopeOf(req);
    const chapter = req.params.scope === 'network' ? undefined : req.params.scope;
    const chapterId = chapter ? (await findChapter(db, req.network, chapter)).id : null;
    authorize(req.user, budgetPolicy.writeBudget(scope, chapterId), 'set this budget');
    const form = readBudgetForm(req.body as Record<string, unknown>, Number(req.params.year), chapter);
    if (!form.ok) return editor(req, reply, form);
    try {
      await money.saveBudget(db, req.network, form.data, req.user);
    } catch (err) {
      return editor(req, reply, formError(err, form.values));
    }
    return reply.redirect(`/admin/budgets?year=${req.params.year}&done=saved`, 303);
  });

  app.get('/admin/budgets/actual', async (req, reply) => {
    const scope = await scopeOf(req);
    const query = req.query as { at?: string; chapter?: string };
    const at =
      /^\d{4}-\d{2}-\d{2}$/.test(query.at ?? '') && !Number.isNaN(Date.parse(query.at!)) ? query.at! : brusselsToday();
    const chapters = (await listChapters(db, req.network, { limit: 500 })).filter((c) =>
      budgetPolicy.readBudget(scope, c.id),
    );
    // Network treasurers see the network; a chapter's people land on their first chapter.
    const slug = query.chapter || (scope.all ? undefined : chapters[0]?.slug);
    const chapter = slug ? await findChapter(db, req.network, slug) : undefined;
    authorize(req.user, budgetPolicy.readBudget(scope, chapter?.id ?? null), 'see this budget');
    const f = await money.budgetVsActual(db, req.network, at, chapter?.id);
    const categories = new Map(
      (await money.listCategorySets(db, req.network)).flatMap((s) => s.categories.map((c) => [c.code, c] as const)),
    );
    const ctx = pageContext(req, reply);
    return sendPage(
      reply,
      <ActualPage
        ctx={ctx}
        f={f}
        chapters={chapters}
        all={scope.all}
        chapter={chapter?.slug}
        categories={categories}
      />,
    );
  });
}
