import { describe, expect, it } from 'vitest';
import type { User } from '../accounts/service.js';
import { AppError } from '../web/errors.js';
import { authorizeOutbox, mailPolicy } from './policy.js';

const person = (role: 'admin' | 'member') => ({ id: 'u', role }) as User;
const refusal = (f: () => void) => {
  try {
    f();
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
  return 'allowed';
};

describe('mailPolicy', () => {
  it('allows the network admins only, 401 to visitors and 403 to members, through one rule', () => {
    expect(mailPolicy.seeOutbox(person('admin'))).toBe(true);
    expect(mailPolicy.seeOutbox(person('member'))).toBe(false);
    expect(mailPolicy.seeOutbox(null)).toBe(false);
    expect(refusal(() => authorizeOutbox(person('admin')))).toBe('allowed');
    expect(refusal(() => authorizeOutbox(person('member')))).toBe('forbidden');
    expect(refusal(() => authorizeOutbox(null))).toBe('unauthenticated');
  });
});
