import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import {
  createArticle,
  createContributor,
  findArticleBySource,
  findAuthorBySource,
  freeAuthorSlug,
  updateArticle,
} from '../news/service.js';
import { dictionaryFor, hasQuestionDamage, recordRepairs, repairFields } from '../text-repair/service.js';
import { addRedirect } from '../redirects/service.js';
import { AppError } from '../web/errors.js';
import type { SourceFile } from './files.js';
import { type MarkdownSource, parseMarkdownSource, SourceError } from './markdown-source.js';
import { msg } from '../web/i18n.js';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface ReportLine {
  path: string;
  outcome: Outcome;
  reason?: string;
  slug?: string;
  repairs?: { applied: number; queued: number };
}

export interface ImportReport {
  lines: ReportLine[];
  counts: Record<Outcome, number>;
  repairs: { applied: number; queued: number };
  redirects: number;
  dryRun: boolean;
}

export interface MarkdownImportOptions {
  dryRun?: boolean;
  keepGoing?: boolean;
  date?: Date;
  language?: 'fr' | 'nl' | 'en';
  chapter?: string;
}

class DryRun extends Error {}

async function contributor(tx: Tx, networkId: string, name: string): Promise<string> {
  const key = `md:author:${name.toLowerCase()}`;
  const found = await findAuthorBySource(tx, networkId, key);
  if (found) return found.id;
  const display = name.replace(/^@/, '');
  return (
    await createContributor(tx, {
      networkId,
      name: display,
      slug: await freeAuthorSlug(tx, networkId, display),
      sourceKey: key,
    })
  ).id;
}

/**
 * Imports Markdown files as articles in ONE transaction: nothing is half-imported. A file that
 * cannot be read fails the whole import unless `keepGoing`, which skips it and says why.
 * The same file again is "unchanged" (same source key, same hash); an edited one "updated".
 * Damaged text is repaired with a dictionary of the language and of this import's clean files.
 */
export async function importMarkdown(db: Db, network: Network, files: SourceFile[], opts: MarkdownImportOptions = {}) {
  const lines: ReportLine[] = [];
  const parsed: { file: SourceFile; source: MarkdownSource }[] = [];
  for (const file of files) {
    try {
      parsed.push({
        file,
        source: parseMarkdownSource(file.text, { path: file.path, date: opts.date, language: opts.language }),
      });
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      lines.push({ path: file.path, outcome: 'failed', reason: err.message });
    }
  }
  if (lines.length && !opts.keepGoing)
    throw new AppError(
      'validation',
      msg('newsImport.problem.nothing', { list: lines.map((l) => `${l.path}: ${l.reason}`).join('; ') }),
    );
  const language = opts.language ?? 'fr';
  const clean = parsed.filter((p) => !hasQuestionDamage(p.source.body)).map((p) => p.source.body);
  const dict = dictionaryFor(language, clean);
  const totals = { applied: 0, queued: 0 };
  let redirectCount = 0;
  try {
    await db.transaction(async (tx) => {
      for (const { file, source } of parsed) {
        if (source.status === 'skip') {
          lines.push({
            path: file.path,
            outcome: 'skipped',
            reason: `status "${source.statusWord}" is never imported`,
          });
          continue;
        }
        const existing = await findArticleBySource(tx, network.id, source.sourceKey);
        if (existing && existing.sourceHash === source.hash) {
          lines.push({ path: file.path, outcome: 'unchanged', slug: existing.slug });
          continue;
        }
        const repairs = repairFields({ title: source.title, body: source.body, excerpt: source.excerpt }, dict, [
          source.permalink ?? '',
          source.slug ?? '',
        ]);
        const fixed = Object.fromEntries(repairs.map((r) => [r.field, r.text]));
        const applied = repairs.reduce((n, r) => n + r.substitutions.filter((s) => s.applied).length, 0);
        const queued = repairs.reduce((n, r) => n + r.substitutions.filter((s) => !s.applied).length, 0);
        const authorIds = [];
        for (const name of source.authors) authorIds.push(await contributor(tx, network.id, name));
        const input = {
          title: fixed.title ?? source.title,
          bodyMarkdown: fixed.body ?? source.body,
          excerpt: fixed.excerpt ?? source.excerpt,
          language: source.language ?? language,
          chapter: opts.chapter ?? null,
          categories: source.categories,
          tags: source.tags,
          partner: false,
          status: source.status as 'published' | 'draft' | 'private' | 'scheduled',
          publishAt: source.status === 'scheduled' ? source.date : undefined,
          slug: undefined,
        };
        const extras = {
          authorIds,
          sourceHash: source.hash,
          publishedAt: source.status === 'published' ? (source.date ?? null) : null,
        };
        let article: Awaited<ReturnType<typeof createArticle>>;
        if (existing) {
          article = await updateArticle(tx, network, null, existing.id, input, {
            ...extras,
            trusted: true,
            note: 'import',
          });
          lines.push({ path: file.path, outcome: 'updated', slug: article.slug, repairs: { applied, queued } });
        } else {
          // The original text is the first revision; the repaired one the second, so nothing is lost.
          article = await createArticle(
            tx,
            network,
            null,
            { ...input, title: source.title, bodyMarkdown: source.body, excerpt: source.excerpt },
            { ...extras, sourceKey: source.sourceKey, note: 'import (original text)' },
          );
          if (
            applied ||
            repairs.some(
              (r) =>
                r.text !== (r.field === 'title' ? source.title : r.field === 'body' ? source.body : source.excerpt),
            )
          )
            article = await updateArticle(
              tx,
              network,
              null,
              article.id,
              { title: input.title, bodyMarkdown: input.bodyMarkdown, excerpt: input.excerpt ?? '' },
              { trusted: true, note: 'repair' },
            );
          lines.push({ path: file.path, outcome: 'created', slug: article.slug, repairs: { applied, queued } });
        }
        await recordRepairs(tx, network.id, article.id, repairs);
        // The old addresses (permalink, aliases, ?p=ID) answer 301 to the article.
        const to = `/news/${article.slug}`;
        const olds = [source.permalink, ...source.aliases, source.wpId ? `/?p=${source.wpId}` : undefined];
        for (const from of olds)
          if (from?.startsWith('/') && from.replace(/\/+$/, '') !== to) {
            await addRedirect(tx, network.id, from, to, { origin: 'import', replace: true });
            redirectCount++;
          }
        totals.applied += applied;
        totals.queued += queued;
      }
      if (opts.dryRun) throw new DryRun();
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 } as Record<Outcome, number>;
  for (const l of lines) counts[l.outcome]++;
  return { lines, counts, repairs: totals, redirects: redirectCount, dryRun: !!opts.dryRun } satisfies ImportReport;
}

export function reportText(r: ImportReport): string {
  const body = r.lines.map(
    (l) =>
      `${l.outcome.padEnd(9)} ${l.path}${l.slug ? ` → /news/${l.slug}` : ''}${l.reason ? ` (${l.reason})` : ''}${
        l.repairs && (l.repairs.applied || l.repairs.queued)
          ? ` [repairs: ${l.repairs.applied} applied, ${l.repairs.queued} to review]`
          : ''
      }`,
  );
  const c = r.counts;
  body.push(
    `${r.dryRun ? 'dry run, nothing written: ' : ''}${c.created} created · ${c.updated} updated · ${c.unchanged} unchanged · ${c.skipped} skipped · ${c.failed} failed · repairs: ${r.repairs.applied} applied, ${r.repairs.queued} to review · ${r.redirects} redirects`,
  );
  return body.join('\n');
}
