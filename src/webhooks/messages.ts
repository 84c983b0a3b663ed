import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Webhooks: endpoints and deliveries: messages in the three languages (same keys in each; src/catalogues.test.ts checks). */
const en = {
  'webhooks.intro':
    'Essaim sends a signed HTTP POST to these addresses when registrations and events change. Each request has the headers Essaim-Webhook-Id, Essaim-Event, Essaim-Timestamp and Essaim-Signature: "v1=" followed by the hex HMAC-SHA256 of "<timestamp>.<body>" with the endpoint’s secret.',
  'webhooks.url': 'Address (https://…)',
  'webhooks.events': 'Events',
  'webhooks.status': 'Status',
  'webhooks.active': 'Active',
  'webhooks.inactive': 'Disabled',
  'webhooks.autoDisabled':
    'Disabled after {failures, plural, one {# failed delivery} other {# failed deliveries in a row}}',
  'webhooks.failures': 'Failures in a row',
  'webhooks.add': 'Add an endpoint',
  'webhooks.created': 'The endpoint is added. Its secret is shown only this once: copy it now to check the signatures.',
  'webhooks.secret': 'Secret',
  'webhooks.enable': 'Enable',
  'webhooks.disable': 'Disable',
  'webhooks.deliveries': 'Recent deliveries',
  'webhooks.response': 'Response',
  'webhooks.none': 'No endpoint yet.',
  'webhooks.noDeliveries': 'Nothing sent yet.',
  'webhooks.pending': 'Waiting',
  'webhooks.delivered': 'Delivered',
  'webhooks.failed': 'Failed',
  'webhookEvent.registration.created': 'Someone registers',
  'webhookEvent.registration.cancelled': 'A registration is cancelled',
  'webhookEvent.registration.promoted': 'Someone gets a seat from the waitlist',
  'webhookEvent.event.published': 'An event is published',
  'webhookEvent.event.updated': 'A published event changes',
  'webhookEvent.event.cancelled': 'An event is cancelled',
  'webhooks.error.chooseEvent': 'choose at least one event',
};

export const webhookMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'webhooks.intro':
      'Essaim envoie un HTTP POST signé à ces adresses quand des inscriptions et des événements changent. Chaque requête porte les en-têtes Essaim-Webhook-Id, Essaim-Event, Essaim-Timestamp et Essaim-Signature : « v1= » suivi du HMAC-SHA256 hexadécimal de « <timestamp>.<corps> » avec le secret de l’adresse.',
    'webhooks.url': 'Adresse (https://…)',
    'webhooks.events': 'Événements',
    'webhooks.status': 'État',
    'webhooks.active': 'Actif',
    'webhooks.inactive': 'Désactivé',
    'webhooks.autoDisabled':
      'Désactivé après {failures, plural, one {# envoi échoué} other {# envois échoués d’affilée}}',
    'webhooks.failures': 'Échecs d’affilée',
    'webhooks.add': 'Ajouter une adresse',
    'webhooks.created':
      'L’adresse est ajoutée. Son secret n’est montré qu’une fois : copiez-le maintenant pour vérifier les signatures.',
    'webhooks.secret': 'Secret',
    'webhooks.enable': 'Activer',
    'webhooks.disable': 'Désactiver',
    'webhooks.deliveries': 'Envois récents',
    'webhooks.response': 'Réponse',
    'webhooks.none': 'Aucune adresse pour l’instant.',
    'webhooks.noDeliveries': 'Rien d’envoyé pour l’instant.',
    'webhooks.pending': 'En attente',
    'webhooks.delivered': 'Livré',
    'webhooks.failed': 'Échoué',
    'webhookEvent.registration.created': 'Quelqu’un s’inscrit',
    'webhookEvent.registration.cancelled': 'Une inscription est annulée',
    'webhookEvent.registration.promoted': 'Quelqu’un obtient une place de la liste d’attente',
    'webhookEvent.event.published': 'Un événement est publié',
    'webhookEvent.event.updated': 'Un événement publié change',
    'webhookEvent.event.cancelled': 'Un événement est annulé',
    'webhooks.error.chooseEvent': 'choisissez au moins un événement',
  },
  nl: {
    'webhooks.intro':
      'Essaim stuurt een ondertekende HTTP POST naar deze adressen wanneer inschrijvingen en evenementen wijzigen. Elk verzoek heeft de headers Essaim-Webhook-Id, Essaim-Event, Essaim-Timestamp en Essaim-Signature: „v1=” gevolgd door de hexadecimale HMAC-SHA256 van „<timestamp>.<body>” met het geheim van het adres.',
    'webhooks.url': 'Adres (https://…)',
    'webhooks.events': 'Gebeurtenissen',
    'webhooks.status': 'Status',
    'webhooks.active': 'Actief',
    'webhooks.inactive': 'Uitgeschakeld',
    'webhooks.autoDisabled':
      'Uitgeschakeld na {failures, plural, one {# mislukte verzending} other {# mislukte verzendingen na elkaar}}',
    'webhooks.failures': 'Mislukt na elkaar',
    'webhooks.add': 'Een adres toevoegen',
    'webhooks.created':
      'Het adres is toegevoegd. Het geheim wordt maar één keer getoond: kopieer het nu om de handtekeningen te controleren.',
    'webhooks.secret': 'Geheim',
    'webhooks.enable': 'Inschakelen',
    'webhooks.disable': 'Uitschakelen',
    'webhooks.deliveries': 'Recente verzendingen',
    'webhooks.response': 'Antwoord',
    'webhooks.none': 'Nog geen adres.',
    'webhooks.noDeliveries': 'Nog niets verstuurd.',
    'webhooks.pending': 'Wacht',
    'webhooks.delivered': 'Afgeleverd',
    'webhooks.failed': 'Mislukt',
    'webhookEvent.registration.created': 'Iemand schrijft zich in',
    'webhookEvent.registration.cancelled': 'Een inschrijving wordt geannuleerd',
    'webhookEvent.registration.promoted': 'Iemand krijgt een plaats van de wachtlijst',
    'webhookEvent.event.published': 'Een evenement wordt gepubliceerd',
    'webhookEvent.event.updated': 'Een gepubliceerd evenement wijzigt',
    'webhookEvent.event.cancelled': 'Een evenement wordt geannuleerd',
    'webhooks.error.chooseEvent': 'kies minstens één gebeurtenis',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
