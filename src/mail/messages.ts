import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** E-mails and the outbox: messages in the three languages (same keys in each; src/catalogues.test.ts checks). */
const en = {
  'mail.confirmed.subject': 'You are registered: {title}',
  'mail.confirmed.body': 'Your seat for {title} is confirmed.',
  'mail.waitlisted.subject': 'Waitlist, position {position}: {title}',
  'mail.waitlisted.body':
    '{title} is full: you are on the waitlist, in position {position}. We will write to you as soon as a seat frees up.',
  'mail.promoted.subject': 'A seat for you: {title}',
  'mail.promoted.body': 'A seat freed up: you are now registered for {title}.',
  'mail.reminder.subject': 'Tomorrow: {title}',
  'mail.reminder.body': 'A reminder: {title} is tomorrow. See you there!',
  'mail.changed.subject': 'Changed: {title}',
  'mail.changed.body': 'The time or place of {title} has changed. Here are the new details.',
  'mail.cancelled.subject': 'Cancelled: {title}',
  'mail.cancelled.body': 'We are sorry: {title} is cancelled. Reason: {reason}',
  'mail.notice.subject': '{count, plural, one {# new registration: {title}} other {# new registrations: {title}}}',
  'mail.digest.subject': '{chapter}: {count, plural, one {# new registration today} other {# new registrations today}}',
  'mail.notice.line': '{title}: {count, plural, one {# new} other {# new}} ({waitlisted} on the waitlist)',
  'mail.notice.unsubscribe': 'Stop these notices: {url}',
  'unsubscribe.title': 'Notices of new registrations',
  'unsubscribe.confirm': 'Stop the notices for {chapter}',
  'unsubscribe.done':
    'Done: you will no longer receive these notices for {chapter}. You can turn them on again on the chapter’s page.',
  'unsubscribe.invalid': 'This link is not valid.',
  'mail.ticket': 'Your ticket (show its QR code at the door): {url}',
  'mail.manage': 'See or cancel your registration: {url}',
  'mail.cantCome': 'Can’t come after all? Cancel, so that someone on the waitlist gets your seat.',
  'admin.outboxHeld':
    'No mail server is configured (SMTP_URL): these messages are kept here and will be sent once one is.',
  'outbox.to': 'To',
  'outbox.subject': 'Subject',
  'outbox.status': 'Status',
  'outbox.pending': 'Waiting',
  'outbox.sent': 'Sent',
  'outbox.held': 'Held (no mail server)',
  'outbox.cancelled': 'Cancelled',
  'outbox.allStatuses': 'All',
  'outbox.filter': 'Filter',
  'outbox.count': '{count, plural, one {# message} other {# messages}}',
  'outbox.newer': 'Newer messages',
  'outbox.older': 'Older messages',
  'outbox.created': 'Queued',
  'outbox.sentAt': 'Sent at',
  'outbox.lastError': 'Last error',
  'outbox.notWritten':
    'This message is written in its recipient’s language when it is sent: its text will show here then.',
  'outbox.resend': 'Send again',
  'outbox.cancel': 'Do not send',
  'outbox.resentDone': 'The message is back in the queue: it goes out (or is held) within seconds.',
  'outbox.cancelledDone': 'The message will not be sent.',
  'outbox.back': 'Back to the outbox',
  'outbox.privateTitle': 'Message from one member to another',
  'outbox.purged':
    'A message from one member to another: its text, subject and reply address were deleted once it was sent or cancelled. Only the recipient, the dates and the status are kept.',
  'mail.webhookDisabled.subject': 'Webhook disabled: {url}',
  'mail.webhookDisabled.body':
    'After {failures, plural, one {# failed delivery} other {# failed deliveries in a row}}, the webhook {url} has been disabled: nothing more is sent to it. Last error: {error}',
  'mail.webhookDisabled.action': 'Check the receiving server, then enable the webhook again: {page}',
  'mail.left.subject': 'Registration cancelled: {title}',
  'mail.left.body': 'Your registration for {title} is cancelled. Your calendar can remove the event.',
  'mail.left.byOrganizer': 'An organiser cancelled your registration for {title}. Your calendar can remove the event.',
  'mail.link.subject': 'Your registration link: {title}',
  'mail.link.body':
    'Someone (perhaps you) asked to register this address for {title}. It is already registered: your registration and its link are below.',
};

export const mailMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'mail.confirmed.subject': 'Inscription confirmée : {title}',
    'mail.confirmed.body': 'Votre place pour {title} est confirmée.',
    'mail.waitlisted.subject': 'Liste d’attente, position {position} : {title}',
    'mail.waitlisted.body':
      '{title} est complet : vous êtes en liste d’attente, en position {position}. Nous vous écrirons dès qu’une place se libère.',
    'mail.promoted.subject': 'Une place pour vous : {title}',
    'mail.promoted.body': 'Une place s’est libérée : vous êtes maintenant inscrit·e à {title}.',
    'mail.reminder.subject': 'Demain : {title}',
    'mail.reminder.body': 'Un rappel : {title}, c’est demain. À bientôt !',
    'mail.changed.subject': 'Modifié : {title}',
    'mail.changed.body': 'L’heure ou le lieu de {title} a changé. Voici les nouvelles informations.',
    'mail.cancelled.subject': 'Annulé : {title}',
    'mail.cancelled.body': 'Nous sommes désolés : {title} est annulé. Raison : {reason}',
    'mail.notice.subject':
      '{count, plural, one {# nouvelle inscription : {title}} other {# nouvelles inscriptions : {title}}}',
    'mail.digest.subject':
      '{chapter} : {count, plural, one {# nouvelle inscription aujourd’hui} other {# nouvelles inscriptions aujourd’hui}}',
    'mail.notice.line':
      '{title} : {count, plural, one {# nouvelle} other {# nouvelles}} ({waitlisted} en liste d’attente)',
    'mail.notice.unsubscribe': 'Ne plus recevoir ces avis : {url}',
    'unsubscribe.title': 'Avis de nouvelles inscriptions',
    'unsubscribe.confirm': 'Arrêter les avis pour {chapter}',
    'unsubscribe.done':
      'C’est fait : vous ne recevrez plus ces avis pour {chapter}. Vous pouvez les réactiver sur la page de l’antenne.',
    'unsubscribe.invalid': 'Ce lien n’est pas valable.',
    'mail.ticket': 'Votre billet (montrez son code QR à l’entrée) : {url}',
    'mail.manage': 'Voir ou annuler votre inscription : {url}',
    'mail.cantCome': 'Empêché·e ? Annulez, pour qu’une personne en liste d’attente reçoive votre place.',
    'admin.outboxHeld':
      'Aucun serveur de courrier n’est configuré (SMTP_URL) : ces messages sont gardés ici et partiront dès qu’il le sera.',
    'outbox.to': 'À',
    'outbox.subject': 'Objet',
    'outbox.status': 'Statut',
    'outbox.pending': 'En attente',
    'outbox.sent': 'Envoyé',
    'outbox.held': 'Gardé (pas de serveur)',
    'outbox.cancelled': 'Annulé',
    'outbox.allStatuses': 'Tous',
    'outbox.filter': 'Filtrer',
    'outbox.count': '{count, plural, one {# message} other {# messages}}',
    'outbox.newer': 'Messages plus récents',
    'outbox.older': 'Messages plus anciens',
    'outbox.created': 'Mis en file',
    'outbox.sentAt': 'Envoyé le',
    'outbox.lastError': 'Dernière erreur',
    'outbox.notWritten':
      'Ce message est rédigé dans la langue de son destinataire au moment de l’envoi : son texte apparaîtra ici alors.',
    'outbox.resend': 'Renvoyer',
    'outbox.cancel': 'Ne pas envoyer',
    'outbox.resentDone': 'Le message est de retour dans la file : il part (ou est gardé) dans quelques secondes.',
    'outbox.cancelledDone': 'Le message ne sera pas envoyé.',
    'outbox.back': 'Retour à la boîte d’envoi',
    'outbox.privateTitle': 'Message d’un membre à un autre',
    'outbox.purged':
      'Un message d’un membre à un autre : son texte, son objet et l’adresse de réponse ont été effacés une fois le message envoyé ou annulé. Seuls le destinataire, les dates et le statut sont gardés.',
    'mail.webhookDisabled.subject': 'Webhook désactivé : {url}',
    'mail.webhookDisabled.body':
      'Après {failures, plural, one {# envoi échoué} other {# envois échoués d’affilée}}, le webhook {url} a été désactivé : plus rien ne lui est envoyé. Dernière erreur : {error}',
    'mail.webhookDisabled.action': 'Vérifiez le serveur destinataire, puis réactivez le webhook : {page}',
    'mail.left.subject': 'Inscription annulée : {title}',
    'mail.left.body': 'Votre inscription à {title} est annulée. Votre agenda peut retirer l’évènement.',
    'mail.left.byOrganizer':
      'Un organisateur a annulé votre inscription à {title}. Votre agenda peut retirer l’évènement.',
    'mail.link.subject': 'Votre lien d’inscription : {title}',
    'mail.link.body':
      'Quelqu’un (peut-être vous) a demandé d’inscrire cette adresse à {title}. Elle est déjà inscrite : voici votre inscription et son lien.',
  },
  nl: {
    'mail.confirmed.subject': 'Je bent ingeschreven: {title}',
    'mail.confirmed.body': 'Je plaats voor {title} is bevestigd.',
    'mail.waitlisted.subject': 'Wachtlijst, plaats {position}: {title}',
    'mail.waitlisted.body':
      '{title} is volzet: je staat op de wachtlijst, op plaats {position}. We mailen je zodra er een plaats vrijkomt.',
    'mail.promoted.subject': 'Een plaats voor jou: {title}',
    'mail.promoted.body': 'Er kwam een plaats vrij: je bent nu ingeschreven voor {title}.',
    'mail.reminder.subject': 'Morgen: {title}',
    'mail.reminder.body': 'Een herinnering: {title} is morgen. Tot dan!',
    'mail.changed.subject': 'Gewijzigd: {title}',
    'mail.changed.body': 'Het uur of de plaats van {title} is gewijzigd. Hier zijn de nieuwe gegevens.',
    'mail.cancelled.subject': 'Geannuleerd: {title}',
    'mail.cancelled.body': 'Het spijt ons: {title} is geannuleerd. Reden: {reason}',
    'mail.notice.subject':
      '{count, plural, one {# nieuwe inschrijving: {title}} other {# nieuwe inschrijvingen: {title}}}',
    'mail.digest.subject':
      '{chapter}: {count, plural, one {# nieuwe inschrijving vandaag} other {# nieuwe inschrijvingen vandaag}}',
    'mail.notice.line': '{title}: {count, plural, one {# nieuwe} other {# nieuwe}} ({waitlisted} op de wachtlijst)',
    'mail.notice.unsubscribe': 'Deze berichten niet meer ontvangen: {url}',
    'unsubscribe.title': 'Berichten over nieuwe inschrijvingen',
    'unsubscribe.confirm': 'De berichten voor {chapter} stoppen',
    'unsubscribe.done':
      'Klaar: je ontvangt deze berichten voor {chapter} niet meer. Je kunt ze weer aanzetten op de pagina van de afdeling.',
    'unsubscribe.invalid': 'Deze link is niet geldig.',
    'mail.ticket': 'Je ticket (toon de QR-code aan de deur): {url}',
    'mail.manage': 'Je inschrijving bekijken of annuleren: {url}',
    'mail.cantCome': 'Toch verhinderd? Annuleer, zodat iemand op de wachtlijst je plaats krijgt.',
    'admin.outboxHeld':
      'Er is geen mailserver ingesteld (SMTP_URL): deze berichten blijven hier bewaard en worden verstuurd zodra er een is.',
    'outbox.to': 'Aan',
    'outbox.subject': 'Onderwerp',
    'outbox.status': 'Status',
    'outbox.pending': 'Wacht',
    'outbox.sent': 'Verzonden',
    'outbox.held': 'Bewaard (geen server)',
    'outbox.cancelled': 'Geannuleerd',
    'outbox.allStatuses': 'Alle',
    'outbox.filter': 'Filteren',
    'outbox.count': '{count, plural, one {# bericht} other {# berichten}}',
    'outbox.newer': 'Nieuwere berichten',
    'outbox.older': 'Oudere berichten',
    'outbox.created': 'In de wachtrij gezet',
    'outbox.sentAt': 'Verzonden op',
    'outbox.lastError': 'Laatste fout',
    'outbox.notWritten':
      'Dit bericht wordt bij het verzenden in de taal van de ontvanger geschreven: de tekst verschijnt dan hier.',
    'outbox.resend': 'Opnieuw verzenden',
    'outbox.cancel': 'Niet verzenden',
    'outbox.resentDone':
      'Het bericht staat weer in de wachtrij: het vertrekt (of wordt bewaard) binnen enkele seconden.',
    'outbox.cancelledDone': 'Het bericht wordt niet verzonden.',
    'outbox.back': 'Terug naar postvak uit',
    'outbox.privateTitle': 'Bericht van een lid aan een ander',
    'outbox.purged':
      'Een bericht van een lid aan een ander: de tekst, het onderwerp en het antwoordadres zijn gewist zodra het verzonden of geannuleerd werd. Alleen de ontvanger, de datums en de status blijven bewaard.',
    'mail.webhookDisabled.subject': 'Webhook uitgeschakeld: {url}',
    'mail.webhookDisabled.body':
      'Na {failures, plural, one {# mislukte verzending} other {# mislukte verzendingen na elkaar}} is de webhook {url} uitgeschakeld: er wordt niets meer naartoe gestuurd. Laatste fout: {error}',
    'mail.webhookDisabled.action': 'Controleer de ontvangende server en schakel de webhook daarna opnieuw in: {page}',
    'mail.left.subject': 'Inschrijving geannuleerd: {title}',
    'mail.left.body': 'Je inschrijving voor {title} is geannuleerd. Je agenda kan het evenement verwijderen.',
    'mail.left.byOrganizer':
      'Een organisator heeft je inschrijving voor {title} geannuleerd. Je agenda kan het evenement verwijderen.',
    'mail.link.subject': 'Je inschrijvingslink: {title}',
    'mail.link.body':
      'Iemand (misschien jij) vroeg om dit adres in te schrijven voor {title}. Het is al ingeschreven: hieronder je inschrijving en de link.',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
