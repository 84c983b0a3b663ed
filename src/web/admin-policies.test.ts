import { describe, expect, it } from 'vitest';
import type { User } from '../accounts/service.js';
import { auditPolicy, authorizeAuditLog } from '../audit/policy.js';
import { authorizeOutbox, mailPolicy } from '../mail/policy.js';
import { authorizeWebhooks, webhookPolicy } from '../webhooks/policy.js';
import { AppError } from './errors.js';
import type { Actor } from './policy.js';

/** The features only a network's admins run: each rule, and the refusal it makes, in one table. */
const adminOnly: { name: string; allowed: (a: Actor) => boolean; authorize: (a: Actor) => void }[] = [
  { name: 'the audit log', allowed: auditPolicy.read, authorize: authorizeAuditLog },
  { name: 'the mail outbox', allowed: mailPolicy.seeOutbox, authorize: authorizeOutbox },
  { name: 'webhooks', allowed: webhookPolicy.manage, authorize: authorizeWebhooks },
];

const person = (role: 'admin' | 'member') => ({ id: 'u', role }) as User;
const refusal = (f: () => void) => {
  try {
    f();
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
  return 'allowed';
};

describe.each(adminOnly)('$name', ({ allowed, authorize }) => {
  it('allows the network admins only, 401 to visitors and 403 to members, through one rule', () => {
    expect(allowed(person('admin'))).toBe(true);
    expect(allowed(person('member'))).toBe(false);
    expect(allowed(null)).toBe(false);
    expect(refusal(() => authorize(person('admin')))).toBe('allowed');
    expect(refusal(() => authorize(person('member')))).toBe('forbidden');
    expect(refusal(() => authorize(null))).toBe('unauthenticated');
  });
});
