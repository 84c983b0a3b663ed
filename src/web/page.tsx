import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { User } from '../accounts/service.js';
import type { Network } from '../networks/service.js';
import { localeNames, locales, translator, type Locale, type T } from './i18n.js';

/** What every page needs to render: language, who is looking, the network, a CSRF token for its forms. */
export interface PageContext {
  t: T;
  locale: Locale;
  user: User | null;
  /** Admin, organiser or venue manager: sees Administration. */
  staff: boolean;
  network: Network;
  path: string;
  /** The query string of the page, without its `?` (kept by the language switch). */
  query: string;
  csrf: string;
  /** A one-word outcome of the last form (?done=saved), shown once as a notice. */
  done: string | undefined;
  /** Where this page lives in another language when that is another address (a translated article). */
  translatedPaths?: Partial<Record<Locale, string>>;
}

export function pageContext(req: FastifyRequest, reply: FastifyReply): PageContext {
  const query = req.query as Record<string, unknown> | undefined;
  return {
    t: translator(req.locale),
    locale: req.locale,
    user: req.user,
    staff: req.staff,
    network: req.network,
    path: req.url.split('?')[0] ?? '/',
    query: req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '',
    csrf: reply.generateCsrf(),
    done: typeof query?.done === 'string' ? query.done : undefined,
  };
}

/**
 * Preact writes void elements XML-style (`<meta …/>`); HTML has no self-closing tags, and
 * html-validate's `void-style` says so. Attributes are matched whole (double-quoted values never
 * hold a `"`: Preact escapes it), so a `/>` inside a value is left alone.
 */
const VOID_SELF_CLOSED =
  /<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\/>/g;
export const htmlVoids = (html: string): string => html.replace(VOID_SELF_CLOSED, '<$1$2>');

/**
 * Preact escapes `<` and `&` in text but leaves `>` ("Bearer &lt;token>"): valid, but html-validate's
 * no-raw-characters wants it escaped, and people's own text carries it. Tags (whose double-quoted
 * values may hold a `>`), comments, scripts and styles are kept whole; every other `>` is text.
 */
const TOKEN_OR_GT = /(<script\b[\s\S]*?<\/script>|<style\b[\s\S]*?<\/style>|<!--[\s\S]*?-->|<(?:[^>"]|"[^"]*")*>)|>/g;
export const escapeTextGt = (html: string): string =>
  html.replace(TOKEN_OR_GT, (_all, kept?: string) => kept ?? '&gt;');

/** What Preact rendered, made the HTML every page sends. */
export const finishHtml = (html: string): string => escapeTextGt(htmlVoids(html));

export function sendPage(reply: FastifyReply, vnode: VNode, status = 200): FastifyReply {
  // Pages depend on the cookie (language, session): never share them between visitors.
  return reply
    .code(status)
    .header('cache-control', 'private, no-store')
    .header('vary', 'Accept-Language, Cookie')
    .type('text/html; charset=utf-8')
    .send(`<!DOCTYPE html>${finishHtml(withFieldLabels(renderToString(vnode)))}`);
}

/**
 * Fills the error summary's marks with the labels of the fields they name (see ErrorSummary in
 * web/forms.tsx): the summary comes before the fields, so their labels are known only once the
 * page is rendered. The text is taken from the rendered HTML, hence already escaped.
 */
export function withFieldLabels(html: string): string {
  if (!html.includes('data-label-for=')) return html;
  const labels = new Map<string, string>();
  for (const m of html.matchAll(/<label\b[^>]*\bfor="([^"]+)"[^>]*>([\s\S]*?)<\/label>/g))
    labels.set(m[1]!, m[2]!.replace(/<[^>]*>/g, '').trim());
  // A group of checkboxes or radios is named by its fieldset's legend.
  for (const m of html.matchAll(/<fieldset\b[^>]*\bid="([^"]+)"[^>]*>\s*<legend\b[^>]*>([\s\S]*?)<\/legend>/g))
    if (!labels.has(m[1]!)) labels.set(m[1]!, m[2]!.replace(/<[^>]*>/g, '').trim());
  return html.replace(
    /<span data-label-for="([^"]*)" data-sep="([^"]*)"><\/span>/g,
    (_all, id: string, sep: string) => {
      // A label written as a sentence (a declaration to tick) loses its full stop before the separator: "… complete: must be ticked", not "complete.: …".
      const label = labels.get(id)?.replace(/\.$/, '');
      return label ? `<span class="label">${label}</span>${sep}` : '';
    },
  );
}

export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf} />;
}

const doneMessages = {
  saved: 'form.saved',
  created: 'form.created',
  deleted: 'form.deleted',
  added: 'form.added',
} as const;

/** The same page in another language: the path and the query kept, `lang` set, a one-time notice dropped. */
export function languageHref(ctx: Pick<PageContext, 'path' | 'query' | 'translatedPaths'>, locale: Locale): string {
  const params = new URLSearchParams(ctx.query);
  params.delete('lang');
  params.delete('done');
  params.set('lang', locale);
  return `${ctx.translatedPaths?.[locale] ?? ctx.path}?${params.toString()}`;
}

/** `head`: extra elements for <head> (feeds, link previews, structured data) on the pages that have them. */
export function Layout({
  ctx,
  title,
  head,
  alternates = true,
  children,
}: {
  ctx: PageContext;
  title: string;
  head?: ComponentChildren;
  /** The page in the other languages (`<link rel="alternate" hreflang>`); off when `head` names its translations itself. */
  alternates?: boolean;
  children: ComponentChildren;
}) {
  const { t, user, network } = ctx;
  const doneKey =
    ctx.done && ctx.done in doneMessages ? doneMessages[ctx.done as keyof typeof doneMessages] : undefined;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{pageTitle(title, network.name)}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
        {alternates ? locales.map((l) => <link rel="alternate" hrefLang={l} href={languageHref(ctx, l)} />) : null}
        {head}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('site.skip')}
        </a>
        <header class="site">
          <a class="brand" href="/">
            {network.name}
          </a>
          {/* A <details> folds the menu on a phone without JavaScript; wider screens show it open (app.css). */}
          <details class="menu">
            <summary>
              <span aria-hidden="true">☰</span> {t('nav.menu')}
            </summary>
            <div class="menu-body">
              <nav aria-label={t('nav.main')}>
                <ul>
                  <li>
                    <a href="/">{t('nav.home')}</a>
                  </li>
                  <li>
                    <a href="/events">{t('nav.events')}</a>
                  </li>
                  <li>
                    <a href="/venues">{t('nav.venues')}</a>
                  </li>
                  <li>
                    <a href="/news">{t('nav.news')}</a>
                  </li>
                  {user ? (
                    <>
                      <li>
                        <a href="/members">{t('nav.members')}</a>
                      </li>
                      <li>
                        <a href="/me">{t('nav.me')}</a>
                      </li>
                      {ctx.staff ? (
                        <li>
                          <a href="/admin">{t('nav.admin')}</a>
                        </li>
                      ) : null}
                    </>
                  ) : (
                    <li>
                      <a href="/signup">{t('nav.signup')}</a>
                    </li>
                  )}
                  <li>
                    {user ? (
                      <form method="post" action="/logout" class="inline" novalidate>
                        <CsrfField ctx={ctx} />
                        <button type="submit" class="link">
                          {t('nav.logout')}
                        </button>
                      </form>
                    ) : (
                      <a href={`/login?next=${encodeURIComponent(ctx.path)}`}>{t('nav.login')}</a>
                    )}
                  </li>
                </ul>
              </nav>
              <nav aria-label={t('nav.language')} class="langs">
                <ul>
                  {locales.map((l) => (
                    <li>
                      <a
                        href={languageHref(ctx, l)}
                        lang={l}
                        hrefLang={l}
                        aria-current={l === ctx.locale ? 'true' : undefined}
                      >
                        {localeNames[l]}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
          </details>
        </header>
        <main id="main">
          {doneKey ? (
            <p class="notice" role="status">
              {t(doneKey)}
            </p>
          ) : null}
          {children}
        </main>
        <footer class="site">
          <p>
            {t('site.tagline')} · <a href="/api/docs">{t('nav.api')}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/**
 * The window title: the page, then the network. Search results and tabs show about 60 characters,
 * so past 70 the page's own words come first, shortened with an ellipsis (the <h1> has them whole).
 */
export function pageTitle(title: string, networkName: string): string {
  const full = `${title} · ${networkName}`;
  if (full.length <= 70) return full;
  return title.length <= 70 ? title : `${title.slice(0, 69).trimEnd()}…`;
}

/** One term and its description in a <dl>; nothing at all when the value is empty. */
export function Detail({ term, value }: { term: string; value: string | null | undefined }) {
  return value ? (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  ) : null;
}
