import type { PersonalData } from '../db/gdpr.js';
import { forgetDecider } from './queries.js';

/**
 * The editors who decided readers' reports: an erased account's decisions stay (the record a DSA
 * notice needs), signed by a nameless "former editor". Nothing to export: the decision is the network's.
 */
export const reportDeciderData: PersonalData = {
  key: 'reportDecisions',
  forget: (tx, who) => forgetDecider(tx, who.networkId, who.userId),
};
