import { auditAct, type AuditActor } from '../audit/service.js';
import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { isUuid } from '../web/schemas.js';
import { redirectLines } from './csv.js';
import * as q from './queries.js';
import type { RedirectRow } from './queries.js';

export type { RedirectRow } from './queries.js';

/**
 * "/Le-Co-Working%2Dx/" → "/le-co-working-x"; "/?p=23&utm=x" → "/?p=23". Percent-encoding in any
 * case, a trailing slash or not, and tracking parameters all meet on one key.
 */
export function redirectKey(url: string): string {
  const [rawPath = '/', rawQuery = ''] = url.split('?', 2);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    path = rawPath;
  }
  path = path.toLowerCase().replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  if (!path.startsWith('/')) path = `/${path}`;
  const params = new URLSearchParams(rawQuery);
  for (const k of ['p', 'page_id', 'cat', 'tag', 'feed', 'attachment_id']) {
    const v = params.get(k);
    if (v) return `${path}?${k}=${v.toLowerCase()}`;
  }
  return path;
}

/** A target must be a path on this site (never another host: no open redirect). */
const isPath = (to: string) => /^\/(?!\/)[^\s\\]*$/.test(to);

function checkTarget(to: string): string {
  if (!isPath(to))
    throw new AppError('validation', msg('redirect.problem.path'), [
      { field: 'to', message: msg('redirect.problem.pathField') },
    ]);
  return to;
}

export function findRedirect(db: Tx, networkId: string, url: string): Promise<string | undefined> {
  return q.selectTarget(db, networkId, redirectKey(url));
}

/**
 * Adds (or, with `replace`, changes) A→B. B is resolved to its final target first; a redirect
 * that would come back to A is a loop and refused; an existing A with another target is a
 * conflict unless replaced. Redirects that pointed at A now point where A goes.
 */
export async function addRedirect(
  db: Tx,
  networkId: string,
  from: string,
  to: string,
  opts: { origin?: string; replace?: boolean } = {},
): Promise<RedirectRow> {
  const fromKey = redirectKey(from);
  let target = checkTarget(to);
  for (let hops = 0; ; hops++) {
    if (redirectKey(target) === fromKey)
      throw new AppError('conflict', msg('redirect.problem.loop', { from, to }), [
        { field: 'to', message: msg('redirect.problem.loopField') },
      ]);
    const next = await findRedirect(db, networkId, target);
    if (!next || hops > 20) break;
    target = next;
  }
  const existing = await q.selectByKey(db, networkId, fromKey);
  if (existing && existing.toPath !== target && !opts.replace)
    throw new AppError('conflict', msg('redirect.problem.exists', { from, to: existing.toPath }), [
      { field: 'from', message: msg('redirect.problem.existsField', { to: existing.toPath }) },
    ]);
  const row = existing
    ? await q.updateTarget(db, existing.id, target)
    : await q.insertRedirect(db, { networkId, fromKey, toPath: target, origin: opts.origin ?? 'manual' });
  // No chains: whatever went to the old address now goes straight to the new one.
  await q.retarget(db, networkId, [from, fromKey], target);
  return row;
}

/**
 * Many A→B at once for an importer (replacing what A pointed to): the same rules as addRedirect,
 * in three statements when no target is itself redirected (the usual case: targets are new
 * articles). A batch where one is falls back to addRedirect for each pair.
 */
export async function addRedirects(db: Tx, networkId: string, pairs: { from: string; to: string }[], origin: string) {
  const byKey = new Map<string, { from: string; fromKey: string; to: string }>();
  for (const p of pairs) {
    const fromKey = redirectKey(p.from);
    if (redirectKey(checkTarget(p.to)) !== fromKey) byKey.set(fromKey, { ...p, fromKey });
  }
  const list = [...byKey.values()];
  if (!list.length) return 0;
  const chained = await q.anyFromKey(
    db,
    networkId,
    list.map((p) => redirectKey(p.to)),
  );
  if (chained) {
    for (const p of list) await addRedirect(db, networkId, p.from, p.to, { origin, replace: true });
    return list.length;
  }
  await q.upsertRedirects(
    db,
    list.map((p) => ({ networkId, fromKey: p.fromKey, toPath: p.to, origin })),
  );
  // No chains: whatever went to an old address now goes straight to its new one.
  const olds = list.flatMap((p) => [p.from, p.fromKey]);
  const news = list.flatMap((p) => [p.to, p.to]);
  await q.retargetMany(db, networkId, olds, news);
  return list.length;
}

export function listRedirects(db: Tx, network: Network, opts: { limit: number; offset: number }) {
  return q.selectRedirects(db, network.id, opts);
}

/** An editor's new redirect (addRedirect's rules), recorded in the audit log; in the caller's transaction. */
export async function createRedirect(db: Tx, network: Network, from: string, to: string, actor?: AuditActor) {
  // An empty old address would be read as "/", the home page: refused, with the new address's mistake too if any.
  if (!from.trim())
    throw new AppError('validation', msg('redirect.problem.from'), [
      { field: 'from', message: msg('validation.required') },
      ...(isPath(to) ? [] : [{ field: 'to', message: msg('redirect.problem.pathField') }]),
    ]);
  const row = await addRedirect(db, network.id, from, to);
  await auditAct(db, network.id, actor, 'redirect.create', row.fromKey, { to: row.toPath });
  return row;
}

/** One redirect, for its edit page; a 404 when it is not this network's. */
export async function findRedirectById(db: Tx, network: Network, id: string): Promise<RedirectRow> {
  const row = isUuid(id) ? await q.selectById(db, network.id, id) : undefined;
  if (!row) throw notFound(msg('redirect.problem.redirect'));
  return row;
}

export async function deleteRedirect(db: Tx, network: Network, id: string, actor?: AuditActor) {
  const row = isUuid(id) ? await q.selectById(db, network.id, id) : undefined;
  if (!row || !(await q.deleteById(db, network.id, id))) throw notFound(msg('redirect.problem.redirect'));
  await auditAct(db, network.id, actor, 'redirect.delete', row.fromKey, { to: row.toPath });
}

export async function updateRedirect(db: Tx, network: Network, id: string, to: string, actor?: AuditActor) {
  const row = isUuid(id) ? await q.selectById(db, network.id, id) : undefined;
  if (!row) throw notFound(msg('redirect.problem.redirect'));
  const changed = await addRedirect(db, network.id, row.fromKey, to, { replace: true });
  await auditAct(db, network.id, actor, 'redirect.update', row.fromKey, {
    to: { from: row.toPath, to: changed.toPath },
  });
  return changed;
}

/** The whole table as CSV (from,to,origin), for a spreadsheet or another site. */
export async function exportRedirects(db: Tx, network: Network): Promise<string> {
  const rows = await listRedirects(db, network, { limit: 1_000_000, offset: 0 });
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `${['from,to,origin', ...rows.map((r) => [r.fromKey, r.toPath, r.origin].map(cell).join(','))].join('\n')}\n`;
}

/** Lines "from,to" or "from;to" (a header line is skipped, a third column such as the export's origin ignored); all or nothing: the first bad line refuses the file. */
export async function importRedirects(db: Tx, network: Network, csv: string, actor?: AuditActor) {
  let added = 0;
  for (const [i, { line, cells }] of redirectLines(csv).entries()) {
    const [from, to] = cells;
    if (i === 0 && from === 'from') continue;
    if (!from || !to) throw new AppError('validation', msg('redirect.problem.twoColumns', { line }));
    try {
      await addRedirect(db, network.id, from, to, { replace: true });
    } catch (err) {
      if (err instanceof AppError)
        throw new AppError(err.code, msg('redirect.problem.line', { line, detail: err.message_ }), err.errors);
      throw err;
    }
    added++;
  }
  await auditAct(db, network.id, actor, 'redirect.import', `${added}`, { added });
  return { added };
}
