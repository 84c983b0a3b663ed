// Every feature's tables, for drizzle's query builder and drizzle-kit.
export * from '../networks/tables.js';
export * from '../accounts/tables.js';
export * from '../chapters/tables.js';
export * from '../venues/tables.js';
export * from '../partnerships/tables.js';
export * from '../events/tables.js';
export * from '../registrations/tables.js';
export * from '../calendar/tables.js';
export * from '../mail/tables.js';
export * from '../webhooks/tables.js';
export * from '../members/tables.js';
export * from '../invitations/tables.js';
export * from '../audit/tables.js';
export * from '../storage/tables.js';
export * from '../budgets/tables.js';
export * from '../expenses/tables.js';
export * from '../justification/tables.js';
