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

/** The parser's messages, most specific first, each with the reason it gives. */
const reasons: [RegExp, (hit: RegExpExecArray) => Msg][] = [
  [
    /^disallowed character in (tag name|closing tag|attribute name|processing instruction name)/,
    () => msg('newsImport.xml.nameChar'),
  ],
  [/^disallowed character/, () => msg('newsImport.xml.char')],
  [/^unclosed tag: (.+?)\.?$/, (hit) => msg('newsImport.xml.unclosed', { name: `<${hit[1]!}>` })],
  [/^(unmatched closing tag|unexpected close tag|weird empty close tag)/, () => msg('newsImport.xml.unmatched')],
  [/^unexpected end/, () => msg('newsImport.xml.truncated')],
  [/^(text data outside of root node|documents may contain only one root)/, () => msg('newsImport.xml.afterRoot')],
  [/^duplicate attribute: (.+?)\.?$/, (hit) => msg('newsImport.xml.duplicate', { name: hit[1]! })],
  [/^(unquoted attribute value|value must be quoted|attribute without value)/, () => msg('newsImport.xml.unquoted')],
  [/entity/, () => msg('newsImport.xml.entity')],
  [/^unbound namespace prefix: "?(.+?)"?\.?$/, (hit) => msg('newsImport.xml.prefix', { prefix: hit[1]! })],
  [/^document must contain a root element/, () => msg('newsImport.xml.noRoot')],
];

/** The parser's message (its position taken out) as a translated reason. */
export function xmlReason(message: string): Msg {
  const m = message.replace(/^(?:.*?:)?\d+:\d+: /, '').trim();
  for (const [pattern, reason] of reasons) {
    const hit = pattern.exec(m);
    if (hit) return reason(hit);
  }
  return msg('newsImport.xml.other');
}
