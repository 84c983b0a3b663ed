import { WEBMAIL } from '../calls/service.js';

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
const domainOf = (email: string) => email.split('@')[1]?.toLowerCase() ?? '';

export interface Detected {
  level: 'soft' | 'hard';
  reason: string;
}

/**
 * Conflicts the system can see without being told: the juror is an applicant or co-applicant,
 * shares their organisation or their work e-mail domain (public webmail excepted), manages the
 * venue or chapter that applies, or declared a relation with one of them.
 */
export function detectConflict(
  juror: { email: string; organisation: string; relations: string[]; manages: string[] },
  s: {
    applicantName: string;
    applicantEmail: string;
    organisation: string;
    coApplicants: { name: string; email: string }[];
  },
): Detected | null {
  const people = [{ name: s.applicantName, email: s.applicantEmail }, ...s.coApplicants];
  if (people.some((p) => p.email.toLowerCase() === juror.email.toLowerCase()))
    return { level: 'hard', reason: 'applicant or co-applicant' };
  const org = norm(s.organisation);
  if (org && juror.organisation && norm(juror.organisation) === org)
    return { level: 'hard', reason: 'same organisation' };
  if (org && juror.manages.some((m) => norm(m) === org))
    return { level: 'hard', reason: 'manages the applying venue or chapter' };
  const related = juror.relations.map(norm).filter(Boolean);
  if (people.some((p) => related.includes(norm(p.name)) || related.includes(norm(p.email))))
    return { level: 'hard', reason: 'declared relation' };
  const jd = domainOf(juror.email);
  if (jd && !WEBMAIL.has(jd) && people.some((p) => domainOf(p.email) === jd))
    return { level: 'soft', reason: 'same e-mail domain' };
  return null;
}
