import type { PageContext } from '../web/page.js';
import { formatEuros } from './format.js';
import type { CallRow } from './queries.js';
import type { blindView } from './blind.js';

/**
 * One rendering of the blind view, used for the applicant's preview and for jurors: what the
 * applicant previews is, by construction, what a juror reads.
 */
export function BlindSubmission({
  ctx,
  call,
  view,
  fileHref,
}: {
  ctx: PageContext;
  call: CallRow;
  view: ReturnType<typeof blindView>;
  fileHref: (fileId: string) => string;
}) {
  const { t, locale } = ctx;
  return (
    <article class="blind">
      <h2>{view.title || t('subs.untitled')}</h2>
      <p class="muted">{t('subs.writtenIn', { language: view.language.toUpperCase() })}</p>
      <dl>
        {call.rules.fields
          .filter((f) => f.kind !== 'file')
          .map((f) => {
            const v = view.answers[f.key];
            if (v === undefined || v === null || v === '') return null;
            const shown =
              f.kind === 'amount' && typeof v === 'number'
                ? formatEuros(v, locale)
                : f.kind === 'choice'
                  ? (f.options?.find((o) => o.value === v)?.label[locale] ?? String(v))
                  : Array.isArray(v)
                    ? v.join('\n')
                    : String(v);
            return (
              <>
                <dt>{f.label[locale]}</dt>
                <dd style="white-space: pre-wrap">{shown}</dd>
              </>
            );
          })}
      </dl>
      {view.files.length ? (
        <ul>
          {view.files.map((f) => (
            <li>
              <a href={fileHref(f.id)}>{f.name}</a> ({Math.ceil(f.byteSize / 1024)} KB)
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
