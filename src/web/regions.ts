import { fold } from './fold.js';
import type { Locale } from './i18n.js';

/**
 * Belgium's provinces and the Brussels-Capital Region, by ISO 3166-2:BE code, with their names in
 * the three languages. A region of origin outside this list is `other` plus free text.
 */
export const regions = [
  {
    code: 'BE-BRU',
    fr: 'Bruxelles-Capitale',
    nl: 'Brussels Hoofdstedelijk Gewest',
    en: 'Brussels-Capital',
    aliases: ['Bruxelles', 'Brussel', 'Brussels'],
  },
  { code: 'BE-VAN', fr: 'Anvers', nl: 'Antwerpen', en: 'Antwerp', aliases: [] },
  { code: 'BE-VLI', fr: 'Limbourg', nl: 'Limburg', en: 'Limburg', aliases: [] },
  { code: 'BE-VOV', fr: 'Flandre-Orientale', nl: 'Oost-Vlaanderen', en: 'East Flanders', aliases: [] },
  { code: 'BE-VBR', fr: 'Brabant flamand', nl: 'Vlaams-Brabant', en: 'Flemish Brabant', aliases: [] },
  { code: 'BE-VWV', fr: 'Flandre-Occidentale', nl: 'West-Vlaanderen', en: 'West Flanders', aliases: [] },
  { code: 'BE-WBR', fr: 'Brabant wallon', nl: 'Waals-Brabant', en: 'Walloon Brabant', aliases: [] },
  { code: 'BE-WHT', fr: 'Hainaut', nl: 'Henegouwen', en: 'Hainaut', aliases: [] },
  { code: 'BE-WLG', fr: 'Liège', nl: 'Luik', en: 'Liège', aliases: [] },
  {
    code: 'BE-WLX',
    fr: 'Luxembourg',
    nl: 'Luxemburg',
    en: 'Luxembourg',
    aliases: ['Luxembourg belge', 'Belgian Luxembourg'],
  },
  { code: 'BE-WNA', fr: 'Namur', nl: 'Namen', en: 'Namur', aliases: [] },
] as const;

export type RegionCode = (typeof regions)[number]['code'];
/** `other`: outside the list, described in free text. */
export const regionCodes = [
  'BE-BRU',
  'BE-VAN',
  'BE-VLI',
  'BE-VOV',
  'BE-VBR',
  'BE-VWV',
  'BE-WBR',
  'BE-WHT',
  'BE-WLG',
  'BE-WLX',
  'BE-WNA',
  'other',
] as const satisfies readonly (RegionCode | 'other')[];

const key = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const byName = new Map<string, RegionCode>();
for (const r of regions)
  for (const name of [r.code, r.code.slice(3), r.fr, r.nl, r.en, ...r.aliases]) byName.set(key(name), r.code);

/** "Henegouwen", "hainaut", "BE-WHT" → "BE-WHT"; undefined when the text names no listed region. */
export function regionFromText(text: string): RegionCode | undefined {
  return byName.get(key(text));
}

export function regionName(code: string | null | undefined, locale: Locale): string {
  if (!code) return '';
  const r = regions.find((x) => x.code === code);
  return r ? r[locale] : '';
}

/**
 * The region of the larger Belgian towns, so a city of residence typed in a form or an import
 * gives its region without asking. Smaller places are chosen from the list by the member.
 */
const towns = new Map<string, RegionCode>();
const townNames: string[] = [];
const place = (code: RegionCode, names: string) => {
  for (const n of names.split(',')) {
    towns.set(key(n), code);
    townNames.push(n);
  }
};
place(
  'BE-BRU',
  'Bruxelles,Brussel,Brussels,Anderlecht,Ixelles,Elsene,Schaerbeek,Schaarbeek,Uccle,Ukkel,Etterbeek,Forest,Vorst,Jette,Molenbeek,Saint-Gilles,Sint-Gillis,Woluwe-Saint-Lambert,Woluwe-Saint-Pierre,Evere,Auderghem,Oudergem,Watermael-Boitsfort,Laeken,Saint-Josse-ten-Noode,Koekelberg,Ganshoren,Berchem-Sainte-Agathe',
);
place(
  'BE-VAN',
  'Antwerpen,Anvers,Antwerp,Mechelen,Malines,Turnhout,Mol,Geel,Lier,Herentals,Boom,Brasschaat,Schoten,Kapellen',
);
place('BE-VLI', 'Hasselt,Genk,Sint-Truiden,Tongeren,Tongres,Beringen,Lommel,Maasmechelen,Bilzen');
place(
  'BE-VOV',
  'Gent,Gand,Ghent,Aalst,Alost,Sint-Niklaas,Dendermonde,Termonde,Oudenaarde,Audenarde,Lokeren,Ronse,Renaix,Eeklo,Deinze,Wetteren,Ninove,Geraardsbergen,Grammont,Zottegem',
);
place(
  'BE-VBR',
  'Leuven,Louvain,Vilvoorde,Vilvorde,Halle,Hal,Zaventem,Dilbeek,Tienen,Tirlemont,Aarschot,Grimbergen,Asse,Diest,Tervuren,Overijse',
);
place(
  'BE-VWV',
  'Brugge,Bruges,Kortrijk,Courtrai,Oostende,Ostende,Ostend,Roeselare,Roulers,Ieper,Ypres,Waregem,Menen,Menin,Knokke-Heist,Torhout,Izegem,Poperinge,Tielt,Diksmuide,Blankenberge,Harelbeke,Wevelgem',
);
place(
  'BE-WBR',
  "Wavre,Waver,Nivelles,Nijvel,Louvain-la-Neuve,Ottignies,Braine-l'Alleud,Waterloo,Tubize,Rixensart,Jodoigne,Genappe,Braine-le-Comte",
);
place(
  'BE-WHT',
  'Charleroi,Mons,Bergen,Tournai,Doornik,La Louvière,Mouscron,Moeskroen,Binche,Ath,Soignies,Zinnik,Châtelet,Fleurus,Thuin,Chimay,Enghien,Edingen,Péruwelz,Comines,Gosselies,Marcinelle,Jumet,Montigny-le-Tilleul,Frameries,Quaregnon,Boussu,Lessines',
);
place(
  'BE-WLG',
  'Liège,Luik,Verviers,Seraing,Herstal,Huy,Hoei,Spa,Eupen,Waremme,Borgworm,Ans,Saint-Nicolas,Flémalle,Visé,Malmedy,Sankt Vith',
);
place(
  'BE-WLX',
  'Arlon,Aarlen,Bastogne,Bastenaken,Marche-en-Famenne,Virton,Libramont,Neufchâteau,Bouillon,Durbuy,La Roche-en-Ardenne',
);
place(
  'BE-WNA',
  'Namur,Namen,Dinant,Gembloux,Andenne,Ciney,Philippeville,Couvin,Sambreville,Jambes,Rochefort,Walcourt,Fosses-la-Ville',
);

/** "Ixelles" → "BE-BRU"; undefined for a place the gazetteer does not know. */
export function regionOfCity(city: string): RegionCode | undefined {
  return towns.get(key(city));
}

/** Town names for a form's suggestions (datalist). */
export const knownTowns = (): readonly string[] => townNames;

/**
 * A region written as free text (a chapter's "Hainaut", "West-Vlaanderen") in the reader's
 * language when it is one of ours ("Henegouwen" in Dutch); any other text as it was written.
 */
export function regionLabel(text: string | null | undefined, locale: Locale): string {
  if (!text) return '';
  const code = regionFromText(text);
  return code ? regionName(code, locale) : text;
}
