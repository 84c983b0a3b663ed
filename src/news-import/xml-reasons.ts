import { msg, type Msg } from '../web/i18n.js';
import { catalogueOf } from '../web/i18n/messages.js';

/**
 * Why the XML parser (saxes) stopped, in the editor's language: its messages are English and
 * carry the position again ("38:12: disallowed character in tag name."), which the import's own
 * message already gives once. Each common message has a sentence; anything else a generic one.
 */
const rows = {
  'newsImport.xml.nameChar': [
    'a character that is not allowed in a tag or attribute name',
    'un caractère interdit dans un nom de balise ou d’attribut',
    'een teken dat niet mag in de naam van een tag of attribuut',
  ],
  'newsImport.xml.char': [
    'a character that XML does not allow',
    'un caractère que XML n’autorise pas',
    'een teken dat XML niet toelaat',
  ],
  'newsImport.xml.unclosed': [
    'the tag {name} is never closed',
    'la balise {name} n’est jamais fermée',
    'de tag {name} wordt nooit gesloten',
  ],
  'newsImport.xml.unmatched': [
    'a closing tag that matches no opening tag',
    'une balise fermante qui ne correspond à aucune balise ouvrante',
    'een sluitende tag die bij geen openende tag hoort',
  ],
  'newsImport.xml.truncated': [
    'the file ends too early (it may have been cut off)',
    'le fichier s’arrête trop tôt (il a peut-être été tronqué)',
    'het bestand stopt te vroeg (het is misschien afgebroken)',
  ],
  'newsImport.xml.afterRoot': [
    'text after the end of the document',
    'du texte après la fin du document',
    'tekst na het einde van het document',
  ],
  'newsImport.xml.duplicate': [
    'the attribute {name} is given twice',
    'l’attribut {name} est donné deux fois',
    'het attribuut {name} staat er twee keer',
  ],
  'newsImport.xml.unquoted': [
    'an attribute value without quotes',
    'une valeur d’attribut sans guillemets',
    'een attribuutwaarde zonder aanhalingstekens',
  ],
  'newsImport.xml.entity': [
    'an unknown or malformed entity (&…;)',
    'une entité inconnue ou mal formée (&…;)',
    'een onbekende of misvormde entiteit (&…;)',
  ],
  'newsImport.xml.prefix': [
    'the namespace prefix {prefix} is not declared',
    'le préfixe d’espace de noms {prefix} n’est pas déclaré',
    'het naamruimteprefix {prefix} is niet gedeclareerd',
  ],
  'newsImport.xml.noRoot': [
    'the file holds no XML element',
    'le fichier ne contient aucun élément XML',
    'het bestand bevat geen XML-element',
  ],
  'newsImport.xml.other': ['the XML is not well-formed', 'le XML est mal formé', 'de XML is niet goed gevormd'],
} as const;

export const xmlReasonMessages = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}

/** The parser's message (its position taken out) as a translated reason. */
export function xmlReason(message: string): Msg {
  const m = message.replace(/^(?:.*?:)?\d+:\d+: /, '').trim();
  let hit: RegExpExecArray | null;
  if (/^disallowed character in (tag name|closing tag|attribute name|processing instruction name)/.test(m))
    return msg('newsImport.xml.nameChar');
  if (/^disallowed character/.test(m)) return msg('newsImport.xml.char');
  if ((hit = /^unclosed tag: (.+?)\.?$/.exec(m))) return msg('newsImport.xml.unclosed', { name: `<${hit[1]!}>` });
  if (/^(unmatched closing tag|unexpected close tag|weird empty close tag)/.test(m))
    return msg('newsImport.xml.unmatched');
  if (/^unexpected end/.test(m)) return msg('newsImport.xml.truncated');
  if (/^(text data outside of root node|documents may contain only one root)/.test(m))
    return msg('newsImport.xml.afterRoot');
  if ((hit = /^duplicate attribute: (.+?)\.?$/.exec(m))) return msg('newsImport.xml.duplicate', { name: hit[1]! });
  if (/^(unquoted attribute value|value must be quoted|attribute without value)/.test(m))
    return msg('newsImport.xml.unquoted');
  if (/entity/.test(m)) return msg('newsImport.xml.entity');
  if ((hit = /^unbound namespace prefix: "?(.+?)"?\.?$/.exec(m)))
    return msg('newsImport.xml.prefix', { prefix: hit[1]! });
  if (/^document must contain a root element/.test(m)) return msg('newsImport.xml.noRoot');
  return msg('newsImport.xml.other');
}
