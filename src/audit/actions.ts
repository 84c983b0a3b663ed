import type { T } from '../web/i18n.js';

export type AuditAction =
  | 'member.export'
  | 'member.delete'
  | 'member.self_delete'
  | 'members.import'
  | 'member.verify'
  | 'member.verify_resent'
  | 'expense.create'
  | 'expense.update'
  | 'expense.submit'
  | 'expense.approve'
  | 'expense.reject'
  | 'expense.incomplete'
  | 'expense.pay'
  | 'expense.receipt'
  | 'venue.dashboard.view'
  | 'venue.contacts.export'
  | 'event.cancel'
  | 'invitations.send'
  | 'chapter.create'
  | 'chapter.update'
  | 'chapter.delete'
  | 'chapter.organizer_add'
  | 'chapter.organizer_remove'
  | 'venue.create'
  | 'venue.update'
  | 'venue.manager_add'
  | 'venue.manager_remove'
  | 'account.create'
  | 'account.password_change'
  | 'account.password_link'
  | 'token.create'
  | 'token.revoke'
  | 'news.editor_add'
  | 'news.editor_remove'
  | 'treasurer.add'
  | 'treasurer.remove'
  | 'mail.resend'
  | 'mail.cancel'
  | 'webhook.create'
  | 'webhook.update'
  | 'webhook.delete'
  | 'partnership.create'
  | 'partnership.update'
  | 'redirect.create'
  | 'redirect.update'
  | 'redirect.delete'
  | 'redirect.import'
  | 'budget.save'
  | 'grant.create'
  | 'grant.update'
  | 'categories.create'
  | 'categories.update'
  | 'news.import_preview'
  | 'news.import_run'
  | 'news.import_resume'
  | 'audit.export'
  | 'report.decision'
  | CallAuditAction;
/** What calls and juries record: every version, conflict, recusal, assignment, score change and decision. */
export type CallAuditAction =
  | 'call.create'
  | 'call.version'
  | 'call.conflict'
  | 'call.recusal'
  | 'call.assignment'
  | 'call.score'
  | 'call.redaction'
  | 'call.decision'
  | 'call.decisions_sent'
  | 'call.juror_invited'
  | 'call.juror_reinvited'
  | 'call.stage_closed'
  | 'call.juror_joined'
  | 'call.appeal'
  | 'call.appeal_answered';

/** Every action the log records, in the order the page's filter offers them; each has a label in the catalogue. */
export const knownActions = [
  'member.export',
  'member.delete',
  'member.self_delete',
  'members.import',
  'call.create',
  'call.version',
  'call.conflict',
  'call.recusal',
  'call.assignment',
  'call.score',
  'call.redaction',
  'call.decision',
  'call.decisions_sent',
  'member.verify',
  'member.verify_resent',
  'expense.create',
  'expense.update',
  'expense.submit',
  'expense.approve',
  'expense.reject',
  'expense.incomplete',
  'expense.pay',
  'expense.receipt',
  'venue.dashboard.view',
  'venue.contacts.export',
  'event.cancel',
  'call.juror_reinvited',
  'call.juror_joined',
  'call.appeal',
  'call.appeal_answered',
  'invitations.send',
  'chapter.create',
  'chapter.update',
  'chapter.delete',
  'chapter.organizer_add',
  'chapter.organizer_remove',
  'venue.create',
  'venue.update',
  'venue.manager_add',
  'venue.manager_remove',
  'account.create',
  'account.password_change',
  'account.password_link',
  'token.create',
  'token.revoke',
  'news.editor_add',
  'news.editor_remove',
  'treasurer.add',
  'treasurer.remove',
  'mail.resend',
  'mail.cancel',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'partnership.create',
  'partnership.update',
  'redirect.create',
  'redirect.update',
  'redirect.delete',
  'redirect.import',
  'budget.save',
  'grant.create',
  'grant.update',
  'categories.create',
  'categories.update',
  'call.juror_invited',
  'call.stage_closed',
  'news.import_preview',
  'news.import_run',
  'news.import_resume',
  'audit.export',
  'report.decision',
] as const satisfies readonly AuditAction[];
// Every action the service may record has a label: a new one without it fails the type check here.
const everyActionLabelled: Exclude<AuditAction, (typeof knownActions)[number]> extends never ? true : never = true;
void everyActionLabelled;

export type KnownAction = (typeof knownActions)[number];

/** An action's label in the reader's language; an action no longer recorded keeps its code. */
export const actionLabel = (t: T, a: string): string =>
  (knownActions as readonly string[]).includes(a) ? t(`audit.action.${a as KnownAction}`) : a;
