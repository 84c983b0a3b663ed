/** The languages the word lists cover. */
export type Language = 'fr' | 'nl' | 'en';

/**
 * Common accented words, written for this project (no French/Dutch/English word-list package is
 * installed and the machine has no internet; docs/DECISIONS.md). Only words with a non-ASCII
 * letter matter: the others cannot be damaged. The frequency of words in the clean articles of
 * the same import is added to these when a dictionary is built.
 */
const fr = `à où là déjà ça çà été être êtes même mêmes très après près auprès dès après-midi voilà
année années idée idées réseau réseaux région régions économie économique économiques société sociétés
développement développer développé développée développés développait développeur développeurs numérique
définition définitions création créations créateur créateurs créer créé créée créés créativité
réussite réussir réussi réflexion réflexions réalité réalisé réaliser réalisation référence
qualité quantité sécurité activité activités communauté communautés université universités
originalité convivialité proximité utilité sensibilité possibilité possibilités capacité responsabilité
identité diversité mobilité rentabilité visibilité liberté société santé été côté côtés
première premières dernière dernières derniers entière entières manière lumière carrière frontière
problème problèmes système systèmes thème thèmes modèle modèles siècle siècles
général générale générales générations génération générer intérêt intérêts intéressant intéressante
évènement évènements événement événements élection élections élu élus élève élèves état états étude études
étudiant étudiants étudiante échange échanges échanger écrivain écrivains écrire écrit école écoles
économiser éducation également égalité élément éléments énergie énorme entreprise équipe équipes
espèce européen européenne européens étranger étrangère évolution évident évidemment
télécommunications téléphone télévision télétravail théâtre thématique
bénéficier bénéfice bénéfices décider décidé décision décisions découvrir découverte défi défis
débat débats début début département départ dépend dépendant déplacer déjà désormais détail détails
différent différente différentes différents différence difficile difficulté dîner durée
indépendant indépendante indépendants intégrer intégré métier métiers méthode méthodes médias médiatique
mécanique mécaniquement marché marchés matériel mémoire mètre mètres numéro numéros opéré opération
paramètre particulière pénible périphérie période personnalité pièce pièces planète plutôt présent
présente présenter présentation président présidente précis précédent préféré préparer prévu prévue
privilégier privilégiant privilégié problématique procédure progrès projet propriété prospérité
qu’il qu’ils qu’elle qu’elles qu’un qu’une qu’on c’est c’était d’un d’une d’autres l’on n’est n’a
aujourd’hui jusqu’à jusqu’au lorsqu’il puisqu’il presqu’île quelqu’un
regroupé regroupés regroupées rôle rôles sélection sélectionner sélectionné séance séances
spécialisé spécialiste stratégie succès sûr sûre tâche tâches tête têtes total très trésor
réunion réunions répondre réponse réponses représenter république rédaction rédacteur
réseautage héritage hérité hérités héritée histoire élevé fenêtre forêt fête fêtes honnête
connecté connectée connectés partagé partagée partagés passé passée passés adapté adaptée adaptés
lié liée liés liées créé créés aidé fondé fondée organisé organisée organisés invité invités
démarrer démarré redémarrer redémarrent démarche démarches dépasser bâtiment bâtiments
accès accéder accélérer accélérateur succès procès exprès congrès progrès
âge âgé âgés âme grâce pâques théâtre château gâteau
île îles maître maîtres maîtrise naître connaître paraître disparaître plaît boîte
œuvre œuvres cœur sœur œil nœud manœuvre
où goût coût coûts coûte août dû sûrement
français française françaises garçon leçon reçu façon commençons ça
noël naïf naïve égoïste héroïque
bientôt tôt hôtel hôpital côte contrôle contrôler diplôme diplômé
wallonie région bruxelloise liège genève québec
élargir éclairer écouter équipement essaimé essaimer
€ – … ’
ainsi été fédération fédéral fédérale`;

const nl = `één ééntje café cafés privé ideeën idee reünie reünies coördinator coördinatie coöperatie
financiële financiëel efficiënt efficiënte patiënt patiënten cliënt cliënten België Belgische
geïnteresseerd geïnteresseerde geïnformeerd creëren gecreëerd zeeën knieën ruïne
enquête à één vóór nóg hè hé ’s ’t zo’n
tweeëntwintig drieëntwintig vierentwintig musea financiën olympiëde`;

const en = `café cafés résumé naïve naïvely fiancé fiancée déjà vu façade coöperate rôle entrée
it’s don’t can’t won’t isn’t aren’t doesn’t didn’t that’s there’s what’s let’s I’m you’re we’re they’re
I’ve you’ve we’ve I’ll you’ll we’ll
… – — “ ” € £`;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

export const baseWords: Record<Language, string[]> = { fr: words(fr), nl: words(nl), en: words(en) };
