import { describe, expect, it } from 'vitest';
import { placeAndLink, placeLanguage, placePieces, placeText, type PlaceParts } from './format.js';

// Where an event takes place, in a reader's language: the venue's and room's names as their
// managers translated them, else as written (and in which language), the address as it is.
const place: PlaceParts = {
  venue: {
    name: 'Huis van de code',
    language: 'nl',
    translations: { fr: { name: 'Maison du code' } },
    address: 'Hoogstraat 1',
    city: 'Brussel',
  },
  room: { name: 'Grote zaal', language: 'nl', translations: { en: { name: 'Main hall' } } },
  onlineUrl: 'https://meet.example.org/x',
};

describe('a place in a language', () => {
  it('names the venue and room as translated, else as written, saying the language of each', () => {
    expect(placePieces(place, 'fr')).toEqual([
      { text: 'Maison du code', lang: 'fr' },
      { text: 'Grote zaal', lang: 'nl' },
      { text: 'Hoogstraat 1' },
      { text: 'Brussel' },
    ]);
    expect(placeText(place, 'en')).toBe('Huis van de code, Main hall, Hoogstraat 1, Brussel');
    expect(placeLanguage(place, 'fr')).toBe('fr');
    expect(placeLanguage(place, 'en')).toBe('nl');
  });

  it('without a language, or for names of unknown language, as written', () => {
    expect(placeText(place)).toBe('Huis van de code, Grote zaal, Hoogstraat 1, Brussel');
    const plain = { ...place, venue: { name: 'Switch', address: '', city: 'Charleroi' }, room: null };
    expect(placePieces(plain, 'fr')).toEqual([{ text: 'Switch' }, { text: 'Charleroi' }]);
    expect(placeLanguage(plain, 'fr')).toBeUndefined();
  });

  it('for a mail: the place, then the online link; the link alone online', () => {
    expect(placeAndLink(place, 'fr')).toBe(
      'Maison du code, Grote zaal, Hoogstraat 1, Brussel · https://meet.example.org/x',
    );
    expect(placeAndLink({ venue: null, room: null, onlineUrl: 'https://meet.example.org/x' }, 'nl')).toBe(
      'https://meet.example.org/x',
    );
  });
});
