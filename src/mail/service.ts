// What other features may call of mail, inside their own transactions: compose a message and
// queue it. Rendering queued messages (render.tsx) belongs to the worker, above every feature.
export { composeMail, type Rendered } from './compose.js';
export {
  organizerNoticesCte,
  queueOrganizerNotices,
  readUnsubscribeToken,
  unsubscribe,
  unsubscribeToken,
} from './notices.js';
export * from './outbox.js';
