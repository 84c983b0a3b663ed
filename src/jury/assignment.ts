/**
 * Who reviews what: every submission gets at least k reviewers, jurors' loads differ by at most
 * one, and no juror is given a submission they are blocked from (hard conflict, organiser's
 * forbid, a language they do not read). Pairs already kept (reviews begun, organisers' pins) stay.
 * Pure and deterministic for a given seed, so a re-run is reproducible and testable.
 */
export interface AssignmentInput {
  submissions: { id: string; language: string }[];
  jurors: { id: string; languages: string[] }[];
  k: number;
  /** "jurorId|submissionId" pairs that may never be assigned. */
  blocked: Set<string>;
  /** Pairs that must stay: reviews already begun or done, and pins. */
  kept: { jurorId: string; submissionId: string }[];
  seed?: number;
}

export interface AssignmentResult {
  pairs: { jurorId: string; submissionId: string; kept: boolean }[];
  /** Submissions that could not get k reviewers (too few eligible jurors). */
  short: { submissionId: string; reviewers: number }[];
  loads: Record<string, number>;
}

export const pairKey = (jurorId: string, submissionId: string) => `${jurorId}|${submissionId}`;

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
}

export function assignReviews(input: AssignmentInput): AssignmentResult {
  const random = rng(input.seed ?? 1);
  const jurors = input.jurors.map((j) => j.id);
  const reads = new Map(input.jurors.map((j) => [j.id, new Set(j.languages)]));
  const eligible = (j: string, s: { id: string; language: string }) => {
    const langs = reads.get(j)!;
    return !input.blocked.has(pairKey(j, s.id)) && (langs.size === 0 || langs.has(s.language));
  };
  const load = new Map(jurors.map((j) => [j, 0]));
  const has = new Set<string>();
  const kept = new Set<string>();
  const bySubmission = new Map(input.submissions.map((s) => [s.id, [] as string[]]));
  const add = (j: string, s: string, isKept: boolean) => {
    has.add(pairKey(j, s));
    if (isKept) kept.add(pairKey(j, s));
    load.set(j, (load.get(j) ?? 0) + 1);
    bySubmission.get(s)?.push(j);
  };
  for (const p of input.kept)
    if (load.has(p.jurorId) && bySubmission.has(p.submissionId) && !has.has(pairKey(p.jurorId, p.submissionId)))
      add(p.jurorId, p.submissionId, true);

  // The hardest submissions first (fewest eligible jurors), each to the least-loaded eligible jurors.
  const tiebreak = new Map(jurors.map((j) => [j, random()]));
  const order = [...input.submissions]
    .map((s) => ({ s, options: jurors.filter((j) => eligible(j, s)).length, r: random() }))
    .sort((a, b) => a.options - b.options || a.r - b.r);
  for (const { s } of order) {
    const need = input.k - bySubmission.get(s.id)!.length;
    if (need <= 0) continue;
    const pick = jurors
      .filter((j) => eligible(j, s) && !has.has(pairKey(j, s.id)))
      .sort((a, b) => load.get(a)! - load.get(b)! || tiebreak.get(a)! - tiebreak.get(b)!)
      .slice(0, need);
    for (const j of pick) add(j, s.id, false);
  }

  // Balance: move an assignment along a chain of jurors from a most-loaded to a least-loaded one
  // (an augmenting path), until loads differ by at most one or no move is possible.
  const subsById = new Map(input.submissions.map((s) => [s.id, s]));
  for (let guard = 0; guard < input.submissions.length * input.k * 4; guard++) {
    const loads = jurors.map((j) => load.get(j)!);
    const max = Math.max(...loads);
    const min = Math.min(...loads);
    if (max - min <= 1) break;
    const path = augmentingPath(
      jurors.filter((j) => load.get(j) === max),
      new Set(jurors.filter((j) => load.get(j)! <= max - 2)),
    );
    if (!path) break;
    for (const step of path) {
      has.delete(pairKey(step.from, step.submission));
      has.add(pairKey(step.to, step.submission));
      load.set(step.from, load.get(step.from)! - 1);
      load.set(step.to, load.get(step.to)! + 1);
      const list = bySubmission.get(step.submission)!;
      list[list.indexOf(step.from)] = step.to;
    }
  }

  function augmentingPath(starts: string[], targets: Set<string>) {
    const prev = new Map<string, { from: string; submission: string } | null>(starts.map((s) => [s, null]));
    const queue = [...starts];
    while (queue.length) {
      const from = queue.shift()!;
      for (const [sid, list] of bySubmission) {
        if (!list.includes(from) || kept.has(pairKey(from, sid))) continue;
        const s = subsById.get(sid)!;
        for (const to of jurors) {
          if (prev.has(to) || has.has(pairKey(to, sid)) || !eligible(to, s)) continue;
          prev.set(to, { from, submission: sid });
          if (targets.has(to)) {
            const steps: { from: string; to: string; submission: string }[] = [];
            for (let at = to; prev.get(at); at = prev.get(at)!.from)
              steps.unshift({ from: prev.get(at)!.from, to: at, submission: prev.get(at)!.submission });
            return steps;
          }
          queue.push(to);
        }
      }
    }
    return null;
  }

  const pairs = [...has].map((key) => {
    const [jurorId, submissionId] = key.split('|') as [string, string];
    return { jurorId, submissionId, kept: kept.has(key) };
  });
  const short = input.submissions
    .map((s) => ({ submissionId: s.id, reviewers: bySubmission.get(s.id)!.length }))
    .filter((x) => x.reviewers < input.k);
  return { pairs, short, loads: Object.fromEntries(load) };
}
