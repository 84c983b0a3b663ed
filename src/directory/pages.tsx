import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localizedText, type Multilingual } from '../web/content.js';
import { listChapters } from '../chapters/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { ErrorSummary, Field, Select, validate, type FormErrors, type FormValues } from '../web/forms.js';
import type { MessageKey } from '../web/i18n/en.js';
import { Detail, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { directoryScope, memberProfile, searchInScope, skillsInScope, type DirectoryPage } from './service.js';
import { PAGE_SIZE, Pager } from './pager.js';
import { Avatar } from '../web/avatar.js';
import { DirectoryFiltersSchema, type DirectoryEntry } from './schemas.js';
import { knownTowns, regionCodes, regionName } from '../web/regions.js';

const filterNames = ['q', 'skill', 'city', 'origin', 'residence', 'chapter', 'kind'] as const;
const kinds = ['tech', 'generalist', 'other'] as const;

/** The form's GET parameters as typed (first value of each, empty ones dropped): they fill the form again and the page links. */
function filterValues(query: unknown): FormValues {
  const values: FormValues = {};
  const raw = (query ?? {}) as Record<string, unknown>;
  for (const name of filterNames) {
    const v = Array.isArray(raw[name]) ? raw[name][0] : raw[name];
    if (typeof v === 'string' && v.trim() !== '') values[name] = v;
  }
  return values;
}

function regionLabel(ctx: PageContext, code: string | null, detail: string): string {
  if (code === 'other') return detail || ctx.t('directory.otherRegion');
  return regionName(code, ctx.locale);
}

const kindLabel = (ctx: PageContext, kind: DirectoryEntry['kind']) =>
  kind ? ctx.t(`directory.kind.${kind}` as MessageKey) : '';

const countLabel = (ctx: PageContext, count: number) => ctx.t('directory.count', { count });

/** "From Hainaut · Lives in Brussels-Capital": the regions, named in the visitor's language. */
function regionsLine(ctx: PageContext, m: DirectoryEntry): string {
  const from = m.originRegion
    ? ctx.t('directory.from', { region: regionLabel(ctx, m.originRegion, m.originDetail) })
    : '';
  const lives = m.residenceRegion
    ? ctx.t('directory.livesIn', { region: regionLabel(ctx, m.residenceRegion, '') })
    : '';
  return [from, lives].filter(Boolean).join(' · ');
}

function FiltersForm({
  ctx,
  values,
  errors,
  chapters,
  skills,
}: {
  ctx: PageContext;
  values: FormValues;
  errors?: FormErrors;
  chapters: (Multilingual & { slug: string; name: string })[];
  skills: string[];
}) {
  const { t } = ctx;
  const any = { value: '', label: t('directory.any') };
  const regions = regionCodes.filter((c) => c !== 'other').map((c) => ({ value: c, label: regionName(c, ctx.locale) }));
  // Folded by default so the results come first on a phone; open when a filter is set or refused.
  // The words stay in view; the other filters fold (counted on the summary when set).
  const active = filterNames.filter((n) => n !== 'q' && values[n]).length;
  return (
    <form method="get" action="/members" role="search" class="stack" aria-labelledby="directory-filters">
      <h2 id="directory-filters">{t('directory.filters')}</h2>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Field
        name="q"
        type="search"
        label={t('directory.field.q')}
        help={t('directory.field.qHelp')}
        values={values}
        errors={errors}
      />
      <details class="filters" open={active > 0 || !!errors || undefined}>
        <summary>
          {t('directory.showFilters')}
          {active ? ` (${active})` : ''}
        </summary>
        <Field name="skill" label={t('directory.field.skill')} values={values} errors={errors} suggestions={skills} />
        <Field
          name="city"
          label={t('directory.field.city')}
          values={values}
          errors={errors}
          suggestions={knownTowns()}
        />
        <Select
          name="origin"
          label={t('directory.field.origin')}
          values={values}
          errors={errors}
          options={[any, ...regions, { value: 'other', label: t('directory.otherRegion') }]}
        />
        <Select
          name="residence"
          label={t('directory.field.residence')}
          values={values}
          errors={errors}
          options={[any, ...regions]}
        />
        <Select
          name="chapter"
          label={t('directory.field.chapter')}
          values={values}
          errors={errors}
          options={[any, ...chapters.map((c) => ({ value: c.slug, label: localizedText(c, 'name', ctx.locale) }))]}
        />
        <Select
          name="kind"
          label={t('directory.field.kind')}
          values={values}
          errors={errors}
          options={[any, ...kinds.map((k) => ({ value: k, label: kindLabel(ctx, k) }))]}
        />
      </details>
      <div>
        <button type="submit">{t('directory.submit')}</button> <a href="/members">{t('directory.reset')}</a>
      </div>
    </form>
  );
}

function Results({ ctx, page, values }: { ctx: PageContext; page: DirectoryPage; values: FormValues }) {
  const { t } = ctx;
  if (!page.items.length) {
    return (
      <section aria-labelledby="directory-results">
        <h2 id="directory-results">{t('directory.results')}</h2>
        <p role="status">{t('directory.empty')}</p>
        <p>{t('directory.emptyHelp')}</p>
        <p>
          <a href="/me">{t('directory.optIn')}</a>
        </p>
        <Pager ctx={ctx} page={page} values={values} />
      </section>
    );
  }
  return (
    <section aria-labelledby="directory-results">
      <h2 id="directory-results">{t('directory.results')}</h2>
      <p role="status">{countLabel(ctx, page.total)}</p>
      <ul class="cards">
        {page.items.map((m) => (
          <li class="card member-card">
            <Avatar picture={m.picture} name={m.name} size={48} />
            <div>
              <h3>
                <a href={`/members/${m.id}`}>{m.name}</a>
              </h3>
              <p>{[m.city, kindLabel(ctx, m.kind)].filter(Boolean).join(' · ')}</p>
              {regionsLine(ctx, m) ? <p>{regionsLine(ctx, m)}</p> : null}
              {m.skills.length ? <p>{t('directory.skillsLine', { skills: m.skills.join(', ') })}</p> : null}
              {m.email ? <p class="muted">{m.email}</p> : null}
            </div>
          </li>
        ))}
      </ul>
      <Pager ctx={ctx} page={page} values={values} />
    </section>
  );
}

async function directoryPage(db: Db, req: FastifyRequest, reply: FastifyReply) {
  const scope = await directoryScope(db, req.network, req.user); // visitors: 401 → sign-in page
  const ctx = pageContext(req, reply);
  const values = filterValues(req.query);
  const form = validate(DirectoryFiltersSchema, values, values);
  const cursor = (req.query as Record<string, unknown>).cursor;
  const [chapters, skills] = await Promise.all([
    listChapters(db, req.network, { limit: 500 }),
    skillsInScope(db, scope, '', 30),
  ]);
  let page: DirectoryPage | undefined;
  let errors = form.ok ? undefined : form.errors;
  if (form.ok) {
    try {
      page = await searchInScope(db, req.network, scope, form.data, {
        limit: PAGE_SIZE,
        cursor: typeof cursor === 'string' ? cursor : undefined,
      });
    } catch (err) {
      // An unknown chapter or a stale cursor: said beside the form, like any invalid field.
      const fields = (err as { errors?: { field: string; message: string }[] }).errors;
      if (!fields?.length) throw err;
      errors = Object.fromEntries(fields.map((e) => [e.field, e.message]));
    }
  }
  return sendPage(
    reply,
    <Layout ctx={ctx} title={ctx.t('directory.title')}>
      <h1>{ctx.t('directory.title')}</h1>
      <p>{ctx.t('directory.intro')}</p>
      {!scope.all && scope.organised.length ? <p class="muted">{ctx.t('directory.organiserNote')}</p> : null}
      <FiltersForm ctx={ctx} values={values} errors={errors} chapters={chapters} skills={skills.map((s) => s.skill)} />
      {page ? <Results ctx={ctx} page={page} values={values} /> : null}
    </Layout>,
    page ? 200 : 400,
  );
}

async function profilePage(db: Db, req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
  const m = await memberProfile(db, req.network, req.user, req.params.id); // 401 → sign in; 404 when not visible
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={m.name}>
      <p>
        <a href="/members">{t('directory.back')}</a>
      </p>
      <div class="member-card">
        <Avatar picture={m.picture} name={m.name} size={160} />
        <div>
          <h1>{m.name}</h1>
          {!m.directoryVisible ? <p class="muted">{t('directory.hidden')}</p> : null}
          {m.contactable && m.id !== req.user?.id ? (
            <p>
              <a href={`/members/${m.id}/contact`}>{t('contact.button', { name: m.name })}</a>
            </p>
          ) : null}
        </div>
      </div>
      <dl>
        <Detail term={t('directory.city')} value={m.city} />
        <Detail
          term={t('directory.residence')}
          value={m.residenceRegion ? regionLabel(ctx, m.residenceRegion, '') : ''}
        />
        <Detail
          term={t('directory.origin')}
          value={m.originRegion ? regionLabel(ctx, m.originRegion, m.originDetail) : ''}
        />
        <Detail term={t('directory.kind')} value={kindLabel(ctx, m.kind)} />
        <Detail term={t('directory.skills')} value={m.skills.join(', ')} />
        <Detail term={t('directory.email')} value={m.email} />
        <Detail term={t('directory.chapters')} value={m.chapters.map((c) => c.name).join(', ')} />
      </dl>
      {m.bio ? (
        <section aria-labelledby="member-bio">
          <h2 id="member-bio">{t('directory.bio')}</h2>
          <p class="pre-line">{m.bio}</p>
        </section>
      ) : null}
      {m.links.length ? (
        <section aria-labelledby="member-links">
          <h2 id="member-links">{t('directory.links')}</h2>
          <ul>
            {m.links.map((href) => (
              <li>
                <a href={href} rel="noopener nofollow ugc">
                  {href}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>,
  );
}

/** /members (search form and results, GET parameters) and /members/:id; visitors are sent to sign in. */
export function directoryPages(app: FastifyInstance, db: Db, _config: Config): void {
  app.get('/members', (req, reply) => directoryPage(db, req, reply));
  app.get<{ Params: { id: string } }>('/members/:id', (req, reply) => profilePage(db, req, reply));
}
