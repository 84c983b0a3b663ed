import type { FeatureCatalogue } from '../web/i18n/messages.js';

/**
 * Reports, figures and their definitions in the three languages. The definitions (figures.def.*)
 * are the words of docs/FIGURES.md, printed in every report and export.
 */
const en = {
  'figures.def.year': 'Periods are read on Brussels clocks: an event at 23:30 on 31 December belongs to that year.',
  'figures.def.registered':
    'Registered: registrations confirmed at the start of the event (made before it, not cancelled before it, not waiting on the waitlist then).',
  'figures.def.attended': 'Attended: people checked in at the event, people added at the door included.',
  'figures.def.noShowRate': 'No-show rate: registered people who were not checked in, divided by registered.',
  'figures.def.uniqueAttendees':
    'Unique attendees: distinct e-mail addresses among the attendees; people added at the door without an address count in attendance, not here.',
  'figures.def.newReturning':
    'New: a unique attendee whose first attendance in the scope (network, chapter or venue) falls in the period; the others are returning.',
  'figures.def.activeChapter':
    'Active chapter in a month: it held at least one event (not cancelled) starting that month.',
  'figures.def.daysToFirstEvent':
    'Days to first event: whole days from the creation of the chapter to the start of its first event that was not cancelled.',
  'figures.def.followers':
    'Followers: new, the follows that began in the period (even if ended since); lost, the follows that ended in the period because the member unfollowed (an erased account is not counted); net growth, new minus lost; and the total today.',
  'figures.def.cost':
    'Costs: shares of approved and paid expenses allocated to the events (cancelled events keep their costs); submitted expenses shown apart.',
  'figures.def.costPerAttendee':
    'Cost per attendee (per registration): costs divided by attended (registered), rounded to the cent; "—" when nobody attended (registered).',
  'figures.def.totalEligible':
    'Eligible expenses of a grant: approved and paid expenses in its period, of its eligible categories (and of its chapter, if it funds one).',
  'figures.def.claimable':
    'Claimable: the co-financing rate times the eligible expenses, rounded down to the cent, at most the amount granted.',
  'figures.def.coverage': 'Co-financing coverage: the amount granted divided by the eligible expenses.',
  'figures.def.comeHome':
    'Come-home conversion: people invited, of whom registered after the invitation, of whom attended.',
  'figures.def.suppressed': 'Counts from 1 to 4 are not shown on the venue dashboard, so nobody can be singled out.',
  'reports.title': 'Reports',
  'reports.network': 'Network in {year}',
  'reports.chapter': '{chapter} in {year}',
  'reports.year': 'Year',
  'reports.show': 'Show',
  'reports.events': 'Events',
  'reports.registered': 'Registered',
  'reports.attended': 'Attended',
  'reports.noShowRate': 'No-show rate',
  'reports.uniques': 'Unique attendees',
  'reports.new': 'New',
  'reports.returning': 'Returning',
  'reports.cost': 'Costs',
  'reports.costPerAttendee': 'Cost per attendee',
  'reports.month': 'Month',
  'reports.chapterCol': 'Chapter',
  'reports.activeMonths': 'Active months',
  'reports.byChapter': 'By chapter',
  'reports.byMonth': 'By month',
  'reports.attendanceChart': 'Attendance by month',
  'reports.attendanceChartDesc':
    'Bars: people who attended each month of {year}; the table below gives the same figures.',
  'reports.newReturningChart': 'New and returning attendees by month',
  'reports.newReturningChartDesc': 'Stacked bars: new and returning unique attendees each month of {year}.',
  'reports.grants': 'Grants: budget versus actual',
  'reports.grantChart': 'Consumption of {funder}',
  'reports.grantChartDesc': 'Claimable amount against the amount granted.',
  'reports.granted': 'Granted',
  'reports.rate': 'Rate',
  'reports.eligible': 'Eligible expenses',
  'reports.charged': 'Charged',
  'reports.claimable': 'Claimable',
  'reports.coverage': 'Coverage',
  'reports.deadline': 'Justification deadline',
  'reports.pack': 'Justification pack',
  'reports.warnings': 'Warnings',
  'reports.noWarnings': 'Nothing to report.',
  'reports.definitions': 'Definitions',
  'reports.comeHome': 'Come home: {invited} invited, {registered} registered, {attended} attended',
  'reports.daysToFirst': 'Days from creation to the first event',
  'reports.followersGained': 'New followers',
  'reports.followersLost': 'Followers lost',
  'reports.followersNet': 'Net growth in followers',
  'reports.followersTotal': 'Followers today',
  'reports.none': '—',
  'reports.budget': 'Budget',
  'reports.income': 'Income',
  'reports.planned': 'Planned expenses',
  'reports.actual': 'Actual',
  'reports.category': 'Category',
  'warn.grantOver': '{funder}: {charged} charged, more than {rate} of the eligible expenses ({max}).',
  'warn.receiptsMissing':
    '{funder}: {count, plural, one {# charged expense has} other {# charged expenses have}} no receipt and the justification deadline is {deadline}.',
  'warn.publicShare':
    'Public funding is {share} of the income of {year}: above half, public procurement rules may apply.',
  'warn.emptyEvent': '{event} has {cost} of expenses and nobody attended.',
  'warn.volunteer': 'Volunteer allowances: {message}',
} as const;

export const reportMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'figures.def.year':
      'Les périodes se lisent à l’heure de Bruxelles : un événement le 31 décembre à 23 h 30 appartient à cette année-là.',
    'figures.def.registered':
      'Inscrits : inscriptions confirmées au début de l’événement (faites avant, non annulées avant, pas en liste d’attente à ce moment).',
    'figures.def.attended': 'Présents : personnes enregistrées à l’entrée, y compris celles ajoutées à la porte.',
    'figures.def.noShowRate': 'Taux d’absence : inscrits non enregistrés à l’entrée, divisés par les inscrits.',
    'figures.def.uniqueAttendees':
      'Participants uniques : adresses e-mail distinctes parmi les présents ; les personnes ajoutées à la porte sans adresse comptent dans la présence, pas ici.',
    'figures.def.newReturning':
      'Nouveaux : participants uniques dont la première présence dans le périmètre (réseau, antenne ou lieu) tombe dans la période ; les autres reviennent.',
    'figures.def.activeChapter':
      'Antenne active un mois : elle a tenu au moins un événement (non annulé) commençant ce mois-là.',
    'figures.def.daysToFirstEvent':
      'Jours jusqu’au premier événement : jours entiers entre la création de l’antenne et le début de son premier événement non annulé.',
    'figures.def.followers':
      'Abonnés : nouveaux, les abonnements commencés dans la période (même s’ils ont pris fin depuis) ; perdus, les abonnements terminés dans la période parce que le membre s’est désabonné (un compte effacé n’est pas compté) ; croissance nette, nouveaux moins perdus ; et le total aujourd’hui.',
    'figures.def.cost':
      'Coûts : parts des dépenses approuvées et payées imputées aux événements (un événement annulé garde ses coûts) ; les dépenses soumises sont montrées à part.',
    'figures.def.costPerAttendee':
      'Coût par présent (par inscrit) : coûts divisés par les présents (inscrits), arrondis au centime ; « — » quand personne n’est venu (inscrit).',
    'figures.def.totalEligible':
      'Dépenses éligibles d’un subside : dépenses approuvées et payées dans sa période, de ses catégories éligibles (et de son antenne s’il en finance une).',
    'figures.def.claimable':
      'Montant justifiable : le taux de cofinancement fois les dépenses éligibles, arrondi au centime inférieur, au plus le montant octroyé.',
    'figures.def.coverage': 'Couverture du cofinancement : le montant octroyé divisé par les dépenses éligibles.',
    'figures.def.comeHome':
      'Conversion « retour au pays » : personnes invitées, dont inscrites après l’invitation, dont présentes.',
    'figures.def.suppressed':
      'Les nombres de 1 à 4 ne sont pas affichés sur le tableau de bord du lieu, pour que personne ne puisse être identifié.',
    'reports.title': 'Rapports',
    'reports.network': 'Le réseau en {year}',
    'reports.chapter': '{chapter} en {year}',
    'reports.year': 'Année',
    'reports.show': 'Afficher',
    'reports.events': 'Événements',
    'reports.registered': 'Inscrits',
    'reports.attended': 'Présents',
    'reports.noShowRate': 'Taux d’absence',
    'reports.uniques': 'Participants uniques',
    'reports.new': 'Nouveaux',
    'reports.returning': 'Revenus',
    'reports.cost': 'Coûts',
    'reports.costPerAttendee': 'Coût par présent',
    'reports.month': 'Mois',
    'reports.chapterCol': 'Antenne',
    'reports.activeMonths': 'Mois actifs',
    'reports.byChapter': 'Par antenne',
    'reports.byMonth': 'Par mois',
    'reports.attendanceChart': 'Présence par mois',
    'reports.attendanceChartDesc':
      'Barres : personnes présentes chaque mois de {year} ; le tableau ci-dessous donne les mêmes chiffres.',
    'reports.newReturningChart': 'Nouveaux et revenus par mois',
    'reports.newReturningChartDesc':
      'Barres empilées : participants uniques nouveaux et revenus chaque mois de {year}.',
    'reports.grants': 'Subsides : budget et réalisé',
    'reports.grantChart': 'Consommation de {funder}',
    'reports.grantChartDesc': 'Montant justifiable par rapport au montant octroyé.',
    'reports.granted': 'Octroyé',
    'reports.rate': 'Taux',
    'reports.eligible': 'Dépenses éligibles',
    'reports.charged': 'Imputé',
    'reports.claimable': 'Justifiable',
    'reports.coverage': 'Couverture',
    'reports.deadline': 'Date limite de justification',
    'reports.pack': 'Dossier de justification',
    'reports.warnings': 'Avertissements',
    'reports.noWarnings': 'Rien à signaler.',
    'reports.definitions': 'Définitions',
    'reports.comeHome': 'Retour au pays : {invited} invités, {registered} inscrits, {attended} présents',
    'reports.daysToFirst': 'Jours entre la création et le premier événement',
    'reports.followersGained': 'Nouveaux abonnés',
    'reports.followersLost': 'Abonnés perdus',
    'reports.followersNet': 'Croissance nette des abonnés',
    'reports.followersTotal': 'Abonnés aujourd’hui',
    'reports.none': '—',
    'reports.budget': 'Budget',
    'reports.income': 'Recettes',
    'reports.planned': 'Dépenses prévues',
    'reports.actual': 'Réalisé',
    'reports.category': 'Catégorie',
    'warn.grantOver': '{funder} : {charged} imputés, plus que {rate} des dépenses éligibles ({max}).',
    'warn.receiptsMissing':
      '{funder} : {count, plural, one {# dépense imputée n’a} other {# dépenses imputées n’ont}} pas de justificatif et la date limite de justification est le {deadline}.',
    'warn.publicShare':
      'Les financements publics font {share} des recettes de {year} : au-delà de la moitié, les règles des marchés publics peuvent s’appliquer.',
    'warn.emptyEvent': '{event} a {cost} de dépenses et personne n’est venu.',
    'warn.volunteer': 'Défraiements de volontaires : {message}',
  },
  nl: {
    'figures.def.year':
      'Periodes volgen de Brusselse klok: een evenement op 31 december om 23.30 uur hoort bij dat jaar.',
    'figures.def.registered':
      'Ingeschreven: inschrijvingen die bevestigd waren bij het begin van het evenement (vooraf gemaakt, niet vooraf geannuleerd, toen niet op de wachtlijst).',
    'figures.def.attended': 'Aanwezig: mensen die aan de ingang zijn ingecheckt, ook wie aan de deur werd toegevoegd.',
    'figures.def.noShowRate': 'Afwezigheidsgraad: ingeschrevenen die niet incheckten, gedeeld door de ingeschrevenen.',
    'figures.def.uniqueAttendees':
      'Unieke deelnemers: verschillende e-mailadressen onder de aanwezigen; wie aan de deur zonder adres werd toegevoegd telt mee in de aanwezigheid, niet hier.',
    'figures.def.newReturning':
      'Nieuw: een unieke deelnemer wiens eerste aanwezigheid in de scope (netwerk, afdeling of locatie) in de periode valt; de anderen keren terug.',
    'figures.def.activeChapter':
      'Actieve afdeling in een maand: ze hield minstens één (niet geannuleerd) evenement dat die maand begon.',
    'figures.def.daysToFirstEvent':
      'Dagen tot het eerste evenement: volle dagen tussen de oprichting van de afdeling en het begin van haar eerste niet-geannuleerde evenement.',
    'figures.def.followers':
      'Volgers: nieuw, de volgrelaties die in de periode begonnen (ook als ze sindsdien eindigden); verloren, de volgrelaties die in de periode eindigden omdat het lid stopte met volgen (een gewist account telt niet); nettogroei, nieuw min verloren; en het totaal vandaag.',
    'figures.def.cost':
      'Kosten: delen van goedgekeurde en betaalde uitgaven toegewezen aan de evenementen (een geannuleerd evenement behoudt zijn kosten); ingediende uitgaven apart.',
    'figures.def.costPerAttendee':
      'Kosten per aanwezige (per inschrijving): kosten gedeeld door de aanwezigen (ingeschrevenen), afgerond op de cent; "—" als niemand kwam (inschreef).',
    'figures.def.totalEligible':
      'Subsidiabele uitgaven van een subsidie: goedgekeurde en betaalde uitgaven in haar periode, van haar subsidiabele categorieën (en van haar afdeling, als ze er één financiert).',
    'figures.def.claimable':
      'Verantwoordbaar: het cofinancieringspercentage maal de subsidiabele uitgaven, naar beneden afgerond op de cent, hoogstens het toegekende bedrag.',
    'figures.def.coverage':
      'Dekking van de cofinanciering: het toegekende bedrag gedeeld door de subsidiabele uitgaven.',
    'figures.def.comeHome':
      'Conversie "kom naar huis": uitgenodigden, van wie ingeschreven na de uitnodiging, van wie aanwezig.',
    'figures.def.suppressed':
      'Aantallen van 1 tot 4 worden niet getoond op het dashboard van de locatie, zodat niemand herkenbaar is.',
    'reports.title': 'Rapporten',
    'reports.network': 'Het netwerk in {year}',
    'reports.chapter': '{chapter} in {year}',
    'reports.year': 'Jaar',
    'reports.show': 'Tonen',
    'reports.events': 'Evenementen',
    'reports.registered': 'Ingeschreven',
    'reports.attended': 'Aanwezig',
    'reports.noShowRate': 'Afwezigheidsgraad',
    'reports.uniques': 'Unieke deelnemers',
    'reports.new': 'Nieuw',
    'reports.returning': 'Terugkerend',
    'reports.cost': 'Kosten',
    'reports.costPerAttendee': 'Kosten per aanwezige',
    'reports.month': 'Maand',
    'reports.chapterCol': 'Afdeling',
    'reports.activeMonths': 'Actieve maanden',
    'reports.byChapter': 'Per afdeling',
    'reports.byMonth': 'Per maand',
    'reports.attendanceChart': 'Aanwezigheid per maand',
    'reports.attendanceChartDesc':
      'Staven: aanwezigen per maand van {year}; de tabel hieronder geeft dezelfde cijfers.',
    'reports.newReturningChart': 'Nieuwe en terugkerende deelnemers per maand',
    'reports.newReturningChartDesc':
      'Gestapelde staven: nieuwe en terugkerende unieke deelnemers per maand van {year}.',
    'reports.grants': 'Subsidies: begroting en werkelijkheid',
    'reports.grantChart': 'Verbruik van {funder}',
    'reports.grantChartDesc': 'Verantwoordbaar bedrag tegenover het toegekende bedrag.',
    'reports.granted': 'Toegekend',
    'reports.rate': 'Percentage',
    'reports.eligible': 'Subsidiabele uitgaven',
    'reports.charged': 'Aangerekend',
    'reports.claimable': 'Verantwoordbaar',
    'reports.coverage': 'Dekking',
    'reports.deadline': 'Uiterste verantwoordingsdatum',
    'reports.pack': 'Verantwoordingsdossier',
    'reports.warnings': 'Waarschuwingen',
    'reports.noWarnings': 'Niets te melden.',
    'reports.definitions': 'Definities',
    'reports.comeHome': 'Kom naar huis: {invited} uitgenodigd, {registered} ingeschreven, {attended} aanwezig',
    'reports.daysToFirst': 'Dagen tussen oprichting en eerste evenement',
    'reports.followersGained': 'Nieuwe volgers',
    'reports.followersLost': 'Verloren volgers',
    'reports.followersNet': 'Nettogroei van volgers',
    'reports.followersTotal': 'Volgers vandaag',
    'reports.none': '—',
    'reports.budget': 'Begroting',
    'reports.income': 'Inkomsten',
    'reports.planned': 'Geplande uitgaven',
    'reports.actual': 'Werkelijk',
    'reports.category': 'Categorie',
    'warn.grantOver': '{funder}: {charged} aangerekend, meer dan {rate} van de subsidiabele uitgaven ({max}).',
    'warn.receiptsMissing':
      '{funder}: {count, plural, one {# aangerekende uitgave heeft} other {# aangerekende uitgaven hebben}} geen bewijsstuk en de uiterste verantwoordingsdatum is {deadline}.',
    'warn.publicShare':
      'Overheidsfinanciering is {share} van de inkomsten van {year}: boven de helft kunnen de regels voor overheidsopdrachten gelden.',
    'warn.emptyEvent': '{event} heeft {cost} aan uitgaven en niemand kwam.',
    'warn.volunteer': 'Vrijwilligersvergoedingen: {message}',
  },
};

export const definitionKeys = [
  'year',
  'registered',
  'attended',
  'noShowRate',
  'uniqueAttendees',
  'newReturning',
  'activeChapter',
  'daysToFirstEvent',
  'followers',
  'cost',
  'costPerAttendee',
  'totalEligible',
  'claimable',
  'coverage',
  'comeHome',
  'suppressed',
] as const;

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
