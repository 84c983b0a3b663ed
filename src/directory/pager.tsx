import type { FormValues } from '../web/forms.js';
import type { PageContext } from '../web/page.js';
import { offsetCursor } from '../web/pagination.js';
import type { DirectoryPage } from './service.js';

export const PAGE_SIZE = 20;

const link = (values: FormValues, offset: number) => {
  const params = new URLSearchParams(values);
  if (offset > 0) params.set('cursor', offsetCursor(offset));
  const s = params.toString();
  return s ? `/members?${s}` : '/members';
};

/** The page numbers to show: all when few, else the first, the last and two around the current one. */
export function pageNumbers(current: number, last: number): (number | null)[] {
  if (last <= 9) return Array.from({ length: last }, (_, i) => i + 1);
  const near = [1, current - 2, current - 1, current, current + 1, current + 2, last].filter(
    (n) => n >= 1 && n <= last,
  );
  const shown = [...new Set(near)].sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1]! > 1 ? [null, n] : [n]));
}

/** Previous, numbered and next pages, as links that keep the filters (a page past the end still leads back). */
export function Pager({ ctx, page, values }: { ctx: PageContext; page: DirectoryPage; values: FormValues }) {
  const previous = page.offset > 0 ? Math.max(0, page.offset - PAGE_SIZE) : undefined;
  if (previous === undefined && !page.nextCursor) return null;
  const current = Math.floor(page.offset / PAGE_SIZE) + 1;
  const last = Math.max(current, Math.ceil(page.total / PAGE_SIZE));
  return (
    <nav aria-label={ctx.t('directory.pages')} class="pager">
      <ul>
        {pageNumbers(current, last).map((n) =>
          n === null ? (
            <li aria-hidden="true">…</li>
          ) : (
            <li>
              <a
                href={link(values, (n - 1) * PAGE_SIZE)}
                aria-current={n === current ? 'page' : undefined}
                aria-label={ctx.t('directory.page', { n })}
              >
                {n}
              </a>
            </li>
          ),
        )}
        {previous !== undefined ? (
          <li>
            <a href={link(values, previous)} rel="prev">
              {ctx.t('directory.previous')}
            </a>
          </li>
        ) : null}
        {page.nextCursor ? (
          <li>
            <a href={link(values, page.offset + page.items.length)} rel="next">
              {ctx.t('directory.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
