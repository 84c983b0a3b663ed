import type { MoneyScope } from '../budgets/service.js';

/**
 * Who reads which report. The network's year: admins and network treasurers. A chapter's (and
 * its events'): also that chapter's treasurers and organisers. A venue's dashboard: its managers
 * and admins (checked with the venue's managers, see routes).
 */
export const reportPolicy = {
  network: (s: MoneyScope) => s.all,
  chapter: (s: MoneyScope, chapterId: string) => s.all || s.treasurerOf.has(chapterId) || s.organiserOf.has(chapterId),
  grants: (s: MoneyScope) => s.all,
  venue: (isAdmin: boolean, managed: { id: string }[], venueId: string) =>
    isAdmin || managed.some((v) => v.id === venueId),
};
