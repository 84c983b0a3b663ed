import type { submissionView } from './submissions.js';

type View = Awaited<ReturnType<typeof submissionView>>;

export function presentSubmission(v: View) {
  const s = v.submission;
  return {
    id: s.id,
    callId: s.callId,
    status: s.status,
    name: s.applicantName,
    email: s.applicantEmail,
    organisation: s.organisation,
    locale: s.locale,
    language: s.language,
    title: s.title,
    answers: s.answers,
    eligibility: s.eligibility,
    coApplicants: v.coApplicants.map((c) => ({ name: c.name, email: c.email })),
    files: v.blind.files,
    submittedAt: s.submittedAt?.toISOString() ?? null,
    blindView: v.blind,
  };
}
