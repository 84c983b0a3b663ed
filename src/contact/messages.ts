import { catalogueOf } from '../web/i18n/messages.js';

/** Contacting a member: the form, the mail, the refusals. Each row is [English, French, Dutch]. */
const rows = {
  'contact.button': ['Contact {name}', 'Contacter {name}', '{name} contacteren'],
  'contact.title': ['Write to {name}', 'Écrire à {name}', 'Schrijven aan {name}'],
  'contact.intro': [
    '{name} receives your message by e-mail. Neither of you sees the other’s address unless you share yours below.',
    '{name} reçoit votre message par e-mail. Aucun de vous ne voit l’adresse de l’autre, sauf si vous partagez la vôtre ci-dessous.',
    '{name} ontvangt je bericht per e-mail. Geen van jullie ziet het adres van de ander, tenzij je het jouwe hieronder deelt.',
  ],
  'contact.subject': ['Subject', 'Objet', 'Onderwerp'],
  'contact.subjectHelp': [
    'Optional, at most 150 characters.',
    'Facultatif, 150 caractères au plus.',
    'Optioneel, hoogstens 150 tekens.',
  ],
  'contact.body': ['Message', 'Message', 'Bericht'],
  'contact.bodyHelp': [
    'Between 10 and 5,000 characters, plain text.',
    'Entre 10 et 5 000 caractères, en texte brut.',
    'Tussen 10 en 5.000 tekens, platte tekst.',
  ],
  'contact.share': [
    'Share my e-mail address so {name} can answer me directly',
    'Partager mon adresse e-mail pour que {name} puisse me répondre directement',
    'Mijn e-mailadres delen zodat {name} me rechtstreeks kan antwoorden',
  ],
  'contact.shareHelp': [
    'Otherwise {name} answers through this site, and your address stays hidden.',
    'Sinon {name} répond via ce site, et votre adresse reste cachée.',
    'Anders antwoordt {name} via deze site, en je adres blijft verborgen.',
  ],
  'contact.limits': [
    'To keep the directory free of spam, each member may send {hour} messages an hour and {day} a day.',
    'Pour garder l’annuaire à l’abri du spam, chaque membre peut envoyer {hour} messages par heure et {day} par jour.',
    'Om de ledengids vrij van spam te houden, mag elk lid {hour} berichten per uur en {day} per dag sturen.',
  ],
  'contact.send': ['Send the message', 'Envoyer le message', 'Het bericht versturen'],
  'contact.sent': [
    'Your message to {name} is on its way.',
    'Votre message à {name} est en route.',
    'Je bericht aan {name} is onderweg.',
  ],
  'contact.back': ['Back to the profile', 'Retour au profil', 'Terug naar het profiel'],
  'contact.mail.subject': [
    '{sender} wrote to you: {subject}',
    '{sender} vous a écrit : {subject}',
    '{sender} heeft je geschreven: {subject}',
  ],
  'contact.mail.noSubject': [
    '{sender} wrote to you through {network}',
    '{sender} vous a écrit via {network}',
    '{sender} heeft je geschreven via {network}',
  ],
  'contact.mail.intro': [
    '{sender}, a member of {network}, sent you this message through the member directory:',
    '{sender}, membre de {network}, vous a envoyé ce message via l’annuaire des membres :',
    '{sender}, lid van {network}, stuurde je dit bericht via de ledengids:',
  ],
  'contact.mail.replyDirect': [
    '{sender} shared their address: answering this e-mail reaches them.',
    '{sender} a partagé son adresse : répondre à cet e-mail lui parvient.',
    '{sender} deelde zijn of haar adres: een antwoord op deze e-mail bereikt hem of haar.',
  ],
  'contact.mail.replyHere': [
    'Your address was not shown to {sender}, and theirs is not shown to you. To answer, use the form at the link below (for 30 days, even if their profile is not listed). Do not answer this e-mail: nobody reads it.',
    'Votre adresse n’a pas été montrée à {sender}, ni la sienne à vous. Pour répondre, utilisez le formulaire du lien ci-dessous (pendant 30 jours, même si son profil n’est pas listé). Ne répondez pas à cet e-mail : personne ne le lit.',
    'Je adres werd niet getoond aan {sender}, en het zijne of hare niet aan jou. Gebruik om te antwoorden het formulier via de link hieronder (30 dagen lang, ook als het profiel niet in de gids staat). Antwoord niet op deze e-mail: niemand leest ze.',
  ],
  'contact.mail.stop': [
    'No more messages from {sender}: {blockUrl}. No messages from anyone: untick "Members may contact me" on {profileUrl}.',
    'Plus de messages de {sender} : {blockUrl}. Plus aucun message : décochez « Les membres peuvent me contacter » sur {profileUrl}.',
    'Geen berichten meer van {sender}: {blockUrl}. Helemaal geen berichten: vink "Leden mogen me contacteren" uit op {profileUrl}.',
  ],
  'contact.block.title': ['Messages from {name}', 'Messages de {name}', 'Berichten van {name}'],
  'contact.block.explain': [
    'Blocked, {name} can no longer write to you through this site; they are not told.',
    'Bloqué, {name} ne peut plus vous écrire via ce site ; il n’en est pas averti.',
    'Geblokkeerd kan {name} je niet meer via deze site schrijven; die persoon wordt niet verwittigd.',
  ],
  'contact.block.is': ['{name} is blocked.', '{name} est bloqué.', '{name} is geblokkeerd.'],
  'contact.block.do': ['Block {name}', 'Bloquer {name}', '{name} blokkeren'],
  'contact.block.undo': ['Unblock {name}', 'Débloquer {name}', '{name} deblokkeren'],
  'contact.problem.self': [
    'You cannot write to yourself.',
    'Vous ne pouvez pas vous écrire à vous-même.',
    'Je kunt jezelf niet schrijven.',
  ],
  'contact.problem.optedOut': [
    '{name} does not accept messages through the site.',
    '{name} n’accepte pas de messages via le site.',
    '{name} aanvaardt geen berichten via de site.',
  ],
  'contact.problem.unverified': [
    'Confirm your e-mail address before writing to other members.',
    'Confirmez votre adresse e-mail avant d’écrire à d’autres membres.',
    'Bevestig je e-mailadres voor je andere leden schrijft.',
  ],
  'contact.problem.hourly': [
    'You have sent {count, plural, one {# message} other {# messages}} in the last hour, the most allowed. Try again later.',
    'Vous avez envoyé {count, plural, one {# message} other {# messages}} dans l’heure, le maximum permis. Réessayez plus tard.',
    'Je hebt in het afgelopen uur {count, plural, one {# bericht} other {# berichten}} gestuurd, het toegestane maximum. Probeer het later opnieuw.',
  ],
  'contact.problem.daily': [
    'You have sent {count, plural, one {# message} other {# messages}} in the last 24 hours, the most allowed. Try again tomorrow.',
    'Vous avez envoyé {count, plural, one {# message} other {# messages}} en 24 heures, le maximum permis. Réessayez demain.',
    'Je hebt in de afgelopen 24 uur {count, plural, one {# bericht} other {# berichten}} gestuurd, het toegestane maximum. Probeer het morgen opnieuw.',
  ],
} as const;

export const contactMessages = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
