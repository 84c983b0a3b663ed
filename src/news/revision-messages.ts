import { catalogueOf } from '../web/i18n/messages.js';

/** The revisions page (revisions-page.tsx): each row is [English, French, Dutch]. */
const rows = {
  'news.revisions.noTextChange': [
    'The text did not change.',
    'Le texte n’a pas changé.',
    'De tekst is niet gewijzigd.',
  ],
  'news.revisions.legend': [
    'Added words are underlined, removed words struck through.',
    'Les mots ajoutés sont soulignés, les mots retirés barrés.',
    'Toegevoegde woorden zijn onderstreept, verwijderde woorden doorgehaald.',
  ],
  'news.revisions.text': ['Text', 'Texte', 'Tekst'],
  'news.revisions.note.import': ['import', 'import', 'import'],
  'news.revisions.note.importOriginal': [
    'import, the text as received',
    'import, le texte tel que reçu',
    'import, de tekst zoals ontvangen',
  ],
  'news.revisions.note.repair': ['text repair', 'réparation du texte', 'tekstherstel'],
  'news.revisions.note.repairApply': ['a repair accepted', 'une réparation acceptée', 'een herstelling aanvaard'],
  'news.revisions.note.repairReject': ['a repair refused', 'une réparation refusée', 'een herstelling geweigerd'],
  'news.revisions.note.repairUndo': ['a repair undone', 'une réparation annulée', 'een herstelling ongedaan gemaakt'],
  'news.revisions.note.schedule': [
    'published at the planned time',
    'publié à l’heure prévue',
    'gepubliceerd op het geplande tijdstip',
  ],
  'news.revisions.note.media': [
    'pictures from other sites brought home',
    'images d’autres sites rapatriées',
    'afbeeldingen van andere sites binnengehaald',
  ],
} as const;

export const newsRevisionMessages = catalogueOf(rows);

/** The catalogue key of a revision's note, written by the system in English; undefined for any other note. */
export const noteKeys: Record<string, keyof typeof rows> = {
  import: 'news.revisions.note.import',
  'import (original text)': 'news.revisions.note.importOriginal',
  repair: 'news.revisions.note.repair',
  'repair apply': 'news.revisions.note.repairApply',
  'repair reject': 'news.revisions.note.repairReject',
  'repair undo': 'news.revisions.note.repairUndo',
  schedule: 'news.revisions.note.schedule',
  media: 'news.revisions.note.media',
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
