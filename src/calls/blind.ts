import type { SubmissionFileRow, SubmissionRow } from './queries.js';

/** Public webmail domains say nothing about who someone is: they are never identifiers, nor conflicts. */
export const WEBMAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.be',
  'live.com',
  'live.be',
  'yahoo.com',
  'yahoo.fr',
  'icloud.com',
  'me.com',
  'proton.me',
  'protonmail.com',
  'skynet.be',
  'telenet.be',
  'gmx.com',
  'gmx.net',
  'aol.com',
  'msn.com',
  'mail.com',
  'orange.fr',
  'free.fr',
  'voo.be',
  'scarlet.be',
  'proximus.be',
  'example.org',
]);

export const domainOf = (email: string) => email.split('@')[1]?.toLowerCase() ?? '';

/** The strings that would tell a juror who applied: names, their parts, addresses, organisation, work domain. */
export function knownIdentifiers(
  s: Pick<SubmissionRow, 'applicantName' | 'applicantEmail' | 'organisation'>,
  coApplicants: { name: string; email: string }[] = [],
): string[] {
  const out = new Set<string>();
  for (const p of [{ name: s.applicantName, email: s.applicantEmail }, ...coApplicants]) {
    out.add(p.name);
    for (const part of p.name.split(/\s+/)) if (part.length >= 3) out.add(part);
    out.add(p.email);
    out.add(p.email.split('@')[0]!);
    const domain = domainOf(p.email);
    if (domain && !WEBMAIL.has(domain)) out.add(domain);
  }
  if (s.organisation.trim()) out.add(s.organisation.trim());
  return [...out].filter((x) => x.trim().length >= 3).sort((a, b) => b.length - a.length);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const REDACTED = '[…]';

/** Replaces every known identifier (any case) in a text with [...]. */
export function redactText(text: string, identifiers: string[]): string {
  if (!identifiers.length) return text;
  const re = new RegExp(identifiers.map(escapeRe).join('|'), 'giu');
  return text.replace(re, REDACTED);
}

export function redactValue(v: unknown, ids: string[]): unknown {
  if (typeof v === 'string') return redactText(v, ids);
  if (Array.isArray(v)) return v.map((x) => redactValue(x, ids));
  return v;
}

/** The system's proposal: the submission's free text with known identifiers replaced. */
export function proposeRedaction(s: SubmissionRow, coApplicants: { name: string; email: string }[]) {
  const ids = knownIdentifiers(s, coApplicants);
  return {
    title: redactText(s.title, ids),
    answers: Object.fromEntries(Object.entries(s.answers).map(([k, v]) => [k, redactValue(v, ids)])),
  };
}

/**
 * What a juror sees of a submission in a blind stage, and what the applicant previews: no name,
 * e-mail or organisation; free text as the organisers confirmed it — or, until they do, with the
 * known identifiers taken out anyway — and files under neutral names. The confirmed copy is
 * redacted once more, so an identifier organisers missed still never reaches a juror.
 */
export function blindView(
  s: SubmissionRow,
  coApplicants: { name: string; email: string }[],
  files: (SubmissionFileRow & { contentType: string; byteSize: number; sha256: string })[],
) {
  const ids = knownIdentifiers(s, coApplicants);
  const base = s.redacted ?? { title: s.title, answers: s.answers };
  return {
    id: s.id,
    title: redactText(base.title, ids),
    language: s.language,
    answers: Object.fromEntries(Object.entries(base.answers).map(([k, v]) => [k, redactValue(v, ids)])),
    files: files.map((f) => ({
      id: f.id,
      field: f.field,
      name: f.displayName,
      contentType: f.contentType,
      byteSize: f.byteSize,
      sha256: f.sha256,
    })),
  };
}
