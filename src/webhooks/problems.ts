import { catalogueOf } from '../web/i18n/messages.js';

/** Webhooks’ problems: each row is [English, French, Dutch]. */
const rows = {
  'webhook.problem.badUrl': [
    'This webhook URL {reason}: give a public https:// address.',
    'L’URL de ce webhook {reason} : donnez une adresse https:// publique.',
    'Deze webhook-URL {reason}: geef een openbaar https://-adres op.',
  ],
  'webhook.problem.theWebhook': ['The webhook {id}', 'Le webhook {id}', 'De webhook {id}'],
  'webhook.refused.notUrl': ['is not a URL', 'n’est pas une URL', 'is geen URL'],
  'webhook.refused.https': ['must start with https://', 'doit commencer par https://', 'moet beginnen met https://'],
  'webhook.refused.noHost': ['has no host', 'n’a pas d’hôte', 'heeft geen host'],
  'webhook.refused.private': [
    'points to the private address {host}',
    'pointe vers l’adresse privée {host}',
    'wijst naar het privéadres {host}',
  ],
  'webhook.refused.unresolvedWhy': [
    'has a host name that does not resolve ({reason})',
    'a un nom d’hôte qui ne se résout pas ({reason})',
    'heeft een hostnaam die niet kan worden opgezocht ({reason})',
  ],
  'webhook.refused.unresolved': [
    'has a host name that does not resolve',
    'a un nom d’hôte qui ne se résout pas',
    'heeft een hostnaam die niet kan worden opgezocht',
  ],
  'webhook.refused.resolvesPrivate': [
    'has a host name that resolves to the private address {address}',
    'a un nom d’hôte qui mène à l’adresse privée {address}',
    'heeft een hostnaam die naar het privéadres {address} leidt',
  ],
} as const;

export const webhookProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
