import { describe, expect, it } from 'vitest';
import type { User } from '../accounts/service.js';
import { AppError } from '../web/errors.js';
import { authorizeAuditLog, auditPolicy } from './policy.js';

const person = (role: 'admin' | 'member') => ({ id: 'u', role }) as User;
const refusal = (f: () => void) => {
  try {
    f();
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
  return 'allowed';
};

describe('auditPolicy', () => {
  it('allows the network admins only, 401 to visitors and 403 to members, through one rule', () => {
    expect(auditPolicy.read(person('admin'))).toBe(true);
    expect(auditPolicy.read(person('member'))).toBe(false);
    expect(auditPolicy.read(null)).toBe(false);
    expect(refusal(() => authorizeAuditLog(person('admin')))).toBe('allowed');
    expect(refusal(() => authorizeAuditLog(person('member')))).toBe('forbidden');
    expect(refusal(() => authorizeAuditLog(null))).toBe('unauthenticated');
  });
});
