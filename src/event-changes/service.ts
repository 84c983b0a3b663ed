// Changes of an event that reach its registrations; the one public module of event-changes.
export { cancelEvent } from './cancel-event.js';
export { updateEvent } from './update-event.js';
