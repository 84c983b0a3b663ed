import { findUserByEmail } from '../accounts/service.js';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { importMarkdown } from '../news-import/service.js';
import { createArticle, findArticleBySource } from '../news/service.js';
import { demoOrganizers } from './data.js';
import { seed004 } from './seed-004.js';

type Lang = 'fr' | 'nl' | 'en';
interface DemoArticle {
  key: string;
  title: string;
  language: Lang;
  chapter: string | null;
  author: string;
  body: string;
  categories: string[];
  tags: string[];
  daysAgo: number;
  partner?: boolean;
  translationOf?: string;
}

const a = (x: DemoArticle) => x;
/** A dozen articles in the three languages, across chapters; one is partner content. */
const demoArticles: DemoArticle[] = [
  a({
    key: 'essaime',
    title: 'BetaGroup essaime en province',
    language: 'fr',
    chapter: 'charleroi',
    author: 'Charleroi',
    daysAgo: 60,
    categories: ['Vie du réseau/Antennes'],
    tags: ['Charleroi', 'Switch'],
    body: 'La collaboration avec **Switch Coworking Charleroi** marque la première étape d’une décentralisation de la communauté web.\n\nDe petits événements réguliers (50 personnes au plus) dans des lieux existants : c’est cela, une *antenne régionale*.',
  }),
  a({
    key: 'essaime-nl',
    translationOf: 'essaime',
    title: 'BetaGroup zwermt uit naar de provincies',
    language: 'nl',
    chapter: 'charleroi',
    author: 'Kortrijk',
    daysAgo: 59,
    categories: ['Vie du réseau/Antennes'],
    tags: ['Charleroi'],
    body: 'De samenwerking met **Switch Coworking Charleroi** is de eerste stap van een netwerk met regionale afdelingen.',
  }),
  a({
    key: 'essaime-en',
    translationOf: 'essaime',
    title: 'BetaGroup spreads to the regions',
    language: 'en',
    chapter: 'charleroi',
    author: 'Brussels',
    daysAgo: 59,
    categories: ['Vie du réseau/Antennes'],
    tags: ['Charleroi'],
    body: 'Working with **Switch Coworking Charleroi** is the first step towards regional chapters.',
  }),
  a({
    key: 'itday-1',
    title: 'Première journée IT à Charleroi : le compte rendu',
    language: 'fr',
    chapter: 'charleroi',
    author: 'Charleroi',
    daysAgo: 40,
    categories: ['Événements/Journée IT'],
    tags: ['Charleroi', 'IT day'],
    body: 'Trente-deux participants, trois présentations et des bières locales. Prochaine édition le premier jeudi du mois.',
  }),
  a({
    key: 'kortrijk-start',
    title: 'Coworking Kortrijk sluit zich aan',
    language: 'nl',
    chapter: 'kortrijk',
    author: 'Kortrijk',
    daysAgo: 35,
    categories: ['Vie du réseau/Antennes'],
    tags: ['Kortrijk'],
    body: 'Vanaf oktober organiseert de afdeling Kortrijk elke maand een avond voor developers en ondernemers.',
  }),
  a({
    key: 'kortrijk-talk',
    title: 'Terugblik: talk over open source in West-Vlaanderen',
    language: 'nl',
    chapter: 'kortrijk',
    author: 'Kortrijk',
    daysAgo: 20,
    categories: ['Événements'],
    tags: ['Kortrijk', 'open source'],
    body: 'Meer dan veertig aanwezigen voor een avond over **open source** in bedrijven.',
  }),
  a({
    key: 'brussels-conf',
    title: 'The yearly conference moves to BetaCowork',
    language: 'en',
    chapter: 'brussels',
    author: 'Brussels',
    daysAgo: 18,
    categories: ['Événements/Conférence'],
    tags: ['Brussels', 'conference'],
    body: 'The big gatherings stay in the capital: this year’s conference takes over the main hall of BetaCowork.',
  }),
  a({
    key: 'diaspora',
    title: 'Carolos de Bruxelles, rentrez au pays !',
    language: 'fr',
    chapter: null,
    author: 'Brussels',
    daysAgo: 15,
    categories: ['Vie du réseau'],
    tags: ['diaspora', 'Charleroi'],
    body: 'Vous habitez Bruxelles mais vous venez du Hainaut ? Les antennes vous invitent à leurs soirées.',
  }),
  a({
    key: 'namur-soon',
    title: 'Namur et Mons : dites-nous si vous venez',
    language: 'fr',
    chapter: null,
    author: 'Brussels',
    daysAgo: 10,
    categories: ['Vie du réseau/Antennes'],
    tags: ['Namur', 'Mons'],
    body: 'Deux antennes en préparation. Laissez votre nom sur leur page pour être prévenu du lancement.',
  }),
  a({
    key: 'partner',
    partner: true,
    title: 'Cowallonia : des espaces de coworking dans toute la Wallonie',
    language: 'fr',
    chapter: null,
    author: 'Charleroi',
    daysAgo: 8,
    categories: ['Partenaires'],
    tags: ['Cowallonia', 'coworking'],
    body: 'Le réseau public **Cowallonia** accueille les antennes dans ses espaces. *Contenu proposé par notre partenaire.*',
  }),
  a({
    key: 'budget',
    title: 'Where the money goes: a few tens of euros per evening',
    language: 'en',
    chapter: null,
    author: 'Brussels',
    daysAgo: 5,
    categories: ['Vie du réseau'],
    tags: ['budget'],
    body: 'An IT day costs the network a few tens of euros — mostly drinks. Here is how we account for it.',
  }),
  a({
    key: 'itday-2',
    title: 'Journée IT de novembre : appel aux orateurs',
    language: 'fr',
    chapter: 'charleroi',
    author: 'Charleroi',
    daysAgo: 2,
    categories: ['Événements/Journée IT'],
    tags: ['Charleroi', 'IT day', 'orateurs'],
    body: 'Vous avez quelque chose à montrer ? Dix minutes, un projecteur, des questions. Écrivez-nous.',
  }),
];

/** The demo's news: the articles above, then seed 004 through the Markdown importer (its repairs shown at /admin/news/repairs). */
export async function loadDemoNews(
  db: Db,
  network: Network,
): Promise<{ articles: number; repairs: number; queued: number }> {
  const byChapter = new Map(demoOrganizers.map((o) => [o.chapter, o.email]));
  const ids = new Map<string, string>();
  for (const d of demoArticles) {
    const sourceKey = `demo:${d.key}`;
    const existing = await findArticleBySource(db, network.id, sourceKey);
    if (existing) {
      ids.set(d.key, existing.id);
      continue;
    }
    const author = await findUserByEmail(db, network.id, byChapter.get(d.author)!);
    const publishedAt = new Date(Date.now() - d.daysAgo * 86_400_000);
    const row = await createArticle(
      db,
      network,
      null,
      {
        title: d.title,
        bodyMarkdown: d.body,
        language: d.language,
        chapter: d.chapter,
        categories: d.categories,
        tags: d.tags,
        partner: d.partner ?? false,
        status: 'published',
        ...(author ? { authors: [author.id] } : {}),
        ...(d.translationOf ? { translationOf: ids.get(d.translationOf) } : {}),
      },
      { sourceKey, publishedAt },
    );
    ids.set(d.key, row.id);
  }
  const report = await importMarkdown(db, network, [{ path: 'seeds/004.md', text: seed004 }], { language: 'fr' });
  return { articles: demoArticles.length + 1, repairs: report.repairs.applied, queued: report.repairs.queued };
}
