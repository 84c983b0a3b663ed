import { catalogueOf } from '../web/i18n/messages.js';

/** News problems: each row is [English, French, Dutch]. */
const rows = {
  'news.problem.original': [
    'The article this one translates',
    'L’article que celui-ci traduit',
    'Het artikel dat dit vertaalt',
  ],
  'news.problem.article': ['This article', 'Cet article', 'Dit artikel'],
  'news.problem.account': ['This account', 'Ce compte', 'Deze account'],
  'news.problem.publishAt': [
    'A scheduled article needs a publication time.',
    'Un article programmé a besoin d’une heure de publication.',
    'Een gepland artikel heeft een publicatietijd nodig.',
  ],
  'news.problem.publishAtField': [
    'is required when the status is scheduled',
    'est requis quand le statut est « programmé »',
    'is verplicht als de status "gepland" is',
  ],
  'news.problem.publishAtPast': [
    'This time is already past: choose a time to come, or the status “Published” to publish now.',
    'Cette heure est déjà passée : choisissez une heure à venir, ou le statut « Publié » pour publier maintenant.',
    'Dit tijdstip is al voorbij: kies een tijdstip in de toekomst, of de status "Gepubliceerd" om nu te publiceren.',
  ],
  'news.problem.publishAtPastField': [
    'is already past: choose a time to come, or the status “Published” to publish now',
    'est déjà passé : choisissez une heure à venir, ou le statut « Publié » pour publier maintenant',
    'is al voorbij: kies een tijd in de toekomst, of de status "Gepubliceerd" om nu te publiceren',
  ],
  'news.problem.author': [
    'An author is not an account of this network.',
    'Un auteur n’est pas un compte de ce réseau.',
    'Een auteur is geen account van dit netwerk.',
  ],
  'news.problem.authorField': [
    '{id} is not an account of this network',
    '{id} n’est pas un compte de ce réseau',
    '{id} is geen account van dit netwerk',
  ],
  'news.problem.slugTaken': [
    'Another article already uses the address "{slug}".',
    'Un autre article utilise déjà l’adresse « {slug} ».',
    'Een ander artikel gebruikt het adres "{slug}" al.',
  ],
  'news.problem.slugTakenField': [
    'is already used by another article',
    'est déjà utilisé par un autre article',
    'wordt al door een ander artikel gebruikt',
  ],
  'news.problem.noSlug': [
    'No free address for this title: give a slug.',
    'Aucune adresse libre pour ce titre : indiquez un slug.',
    'Geen vrij adres voor deze titel: geef een slug op.',
  ],
  'news.problem.cover': [
    'The picture is larger than 10 MB.',
    'L’image dépasse 10 Mo.',
    'De afbeelding is groter dan 10 MB.',
  ],
  'news.problem.page': ['This page of articles', 'Cette page d’articles', 'Deze pagina met artikels'],
  'news.problem.category': ['This category', 'Cette catégorie', 'Deze categorie'],
  'news.problem.tag': ['This tag', 'Ce mot-clé', 'Deze tag'],
  'news.problem.theAuthor': ['This author', 'Cet auteur', 'Deze auteur'],
} as const;

export const newsProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
