import { type EventRow, localizedQuestion, originalChoice } from '../events/service.js';
import { AppError, notFound, type FieldError } from '../web/errors.js';
import { currentLocale, msg } from '../web/i18n.js';

// What a registration must satisfy besides a seat: the event open to it, and the answers to its
// questions (src/registrations/register.ts decides on these for every person of a batch).

/** The answers kept, in the event's own words for choices; one AppError naming every mistake. */
export function checkAnswers(event: EventRow, answers: Record<string, string>): Record<string, string> {
  const errors: FieldError[] = [];
  const kept: Record<string, string> = {};
  for (const q of event.questions) {
    const a = (answers[q.id] ?? '').trim();
    // The question as the person read it: in the language of their request.
    const shown = localizedQuestion(q, event.language, currentLocale());
    if (!a) {
      if (q.required)
        errors.push({
          field: `answers.${q.id}`,
          message: msg('registration.error.answerRequired', { question: shown.label.text }),
        });
      continue;
    }
    const choice = q.type === 'choice' ? originalChoice(q, a) : a;
    if (choice === undefined)
      errors.push({
        field: `answers.${q.id}`,
        message: msg('registration.error.answerChoice', {
          choices: shown.choices.map((c) => c.text).join(', '),
          question: shown.label.text,
        }),
      });
    else kept[q.id] = choice;
  }
  for (const key of Object.keys(answers))
    if (!event.questions.some((q) => q.id === key))
      errors.push({ field: `answers.${key}`, message: msg('registration.error.notAQuestion') });
  // One mistake: its own words (naming the question) are the explanation.
  if (errors.length)
    throw new AppError(
      'validation',
      errors.length === 1 ? errors[0]!.message : msg('registration.error.checkAnswers'),
      errors,
    );
  return kept;
}

export function refuseClosed(event: EventRow, now: Date) {
  if (event.status === 'cancelled')
    throw new AppError(
      'conflict',
      event.cancelReason
        ? msg('registration.error.cancelled', { reason: event.cancelReason })
        : msg('registration.error.cancelledNoReason'),
    );
  // A draft does not exist for the public, as GET /events/{id} says too.
  if (event.status === 'draft') throw notFound(msg('event.problem.theEvent', { id: event.id }));
  if (event.startsAt <= now) throw new AppError('conflict', msg('registration.error.started'));
  if (event.registrationOpensAt && event.registrationOpensAt > now)
    throw new AppError(
      'conflict',
      msg('registration.error.notOpen', { when: event.registrationOpensAt.toISOString() }),
    );
  if (event.registrationClosesAt && event.registrationClosesAt <= now)
    throw new AppError('conflict', msg('registration.error.closed'));
}
