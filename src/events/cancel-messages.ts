import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The event cancellation's confirmation page: who will be told, before anything happens. */
const en = {
  'eventCancel.title': 'Cancel {title}?',
  'eventCancel.told':
    '{confirmed, plural, =0 {Nobody is registered} one {# registered person} other {# registered people}} and {waitlisted, plural, =0 {nobody on the waitlist} one {# person on the waitlist} other {# people on the waitlist}}: {total, plural, =0 {nobody will be told.} one {this person will receive an e-mail with your reason.} other {each of them will receive an e-mail with your reason.}}',
  'eventCancel.draft': 'This event is not published: it disappears from the organisers’ lists, and nobody else saw it.',
  'eventCancel.series': 'Only this date is cancelled; the other dates of the series stay as they are.',
  'eventCancel.effects':
    'Every registration is cancelled and the reminders are dropped; the event page stays online, marked as cancelled with your reason; calendar subscriptions and webhooks are told. This cannot be undone.',
  'eventCancel.who': 'See who is registered',
  'eventCancel.confirm':
    '{total, plural, =0 {Cancel the event} one {Cancel the event and tell # person} other {Cancel the event and tell # people}}',
  'eventCancel.keep': 'Keep the event',
};

export const eventCancelMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'eventCancel.title': 'Annuler {title} ?',
    'eventCancel.told':
      '{confirmed, plural, =0 {Personne n’est inscrit} one {# personne inscrite} other {# personnes inscrites}} et {waitlisted, plural, =0 {personne en liste d’attente} one {# personne en liste d’attente} other {# personnes en liste d’attente}} : {total, plural, =0 {personne ne sera prévenu.} one {cette personne recevra un e-mail avec votre raison.} other {chacune recevra un e-mail avec votre raison.}}',
    'eventCancel.draft':
      'Cet événement n’est pas publié : il disparaît des listes des organisateurs, et personne d’autre ne l’a vu.',
    'eventCancel.series': 'Seule cette date est annulée ; les autres dates de la série restent inchangées.',
    'eventCancel.effects':
      'Toutes les inscriptions sont annulées et les rappels supprimés ; la page de l’événement reste en ligne, marquée comme annulée avec votre raison ; les abonnements de calendrier et les webhooks sont prévenus. C’est irréversible.',
    'eventCancel.who': 'Voir qui est inscrit',
    'eventCancel.confirm':
      '{total, plural, =0 {Annuler l’événement} one {Annuler l’événement et prévenir # personne} other {Annuler l’événement et prévenir # personnes}}',
    'eventCancel.keep': 'Garder l’événement',
  },
  nl: {
    'eventCancel.title': '{title} annuleren?',
    'eventCancel.told':
      '{confirmed, plural, =0 {Niemand is ingeschreven} one {# ingeschreven persoon} other {# ingeschreven personen}} en {waitlisted, plural, =0 {niemand op de wachtlijst} one {# persoon op de wachtlijst} other {# personen op de wachtlijst}}: {total, plural, =0 {niemand wordt verwittigd.} one {deze persoon krijgt een e-mail met je reden.} other {elk van hen krijgt een e-mail met je reden.}}',
    'eventCancel.draft':
      'Dit evenement is niet gepubliceerd: het verdwijnt uit de lijsten van de organisatoren, en niemand anders zag het.',
    'eventCancel.series': 'Alleen deze datum wordt geannuleerd; de andere data van de reeks blijven zoals ze zijn.',
    'eventCancel.effects':
      'Alle inschrijvingen worden geannuleerd en de herinneringen geschrapt; de pagina van het evenement blijft online, gemarkeerd als geannuleerd met je reden; agenda-abonnementen en webhooks worden verwittigd. Dit kan niet ongedaan worden gemaakt.',
    'eventCancel.who': 'Bekijk wie ingeschreven is',
    'eventCancel.confirm':
      '{total, plural, =0 {Het evenement annuleren} one {Het evenement annuleren en # persoon verwittigen} other {Het evenement annuleren en # personen verwittigen}}',
    'eventCancel.keep': 'Het evenement behouden',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
