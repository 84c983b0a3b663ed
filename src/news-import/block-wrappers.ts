/**
 * WordPress exports turned into Markdown (wp2md, wordpress-to-markdown) keep the post's wrapper
 * `<div class="…">` around Markdown, often on the same line as the Markdown itself:
 * `<div class="entry">> ## [Title](…)`. CommonMark reads a line opening with `<div` as a raw HTML
 * block up to the next blank line, so everything in it — headings, links, pictures — reached the
 * reader as literal `## [..](..)`. The sanitiser drops a div's attributes anyway, so the wrapper
 * carries nothing worth keeping: each wrapper tag is taken out and the text around it becomes its
 * own paragraph, inside the same blockquote when the tag sat in one. Fenced and indented code is
 * left as written.
 */
const WRAPPER = /<\/?(?:div|section|article|center)\b[^>]*>/i;
const FENCE = /^\s{0,3}(?:>\s?)*\s{0,3}(`{3,}|~{3,})/;
const QUOTE = /^(?:\s{0,3}>\s?)*/;

export function unwrapBlockWrappers(markdown: string): string {
  if (!WRAPPER.test(markdown)) return markdown;
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opened = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (opened && opened[0] === fence[0] && opened.length >= fence.length) fence = undefined;
      out.push(line);
      continue;
    }
    if (opened) {
      fence = opened;
      out.push(line);
      continue;
    }
    const prefix = QUOTE.exec(line)![0];
    // A tag written inside `code` is text: the spans are set aside while the wrappers are taken out.
    const spans: string[] = [];
    const rest = line
      .slice(prefix.length)
      .replace(/(`+)[^`][\s\S]*?\1/g, (span) => `\u0000${spans.push(span) - 1}\u0000`);
    // Four spaces in: indented code, shown as written.
    if (!WRAPPER.test(rest) || /^( {4}|\t)/.test(rest)) {
      out.push(line);
      continue;
    }
    const restore = (text: string) => text.replace(/\u0000(\d+)\u0000/g, (_all, i: string) => spans[Number(i)]!);
    const quote = prefix.trimEnd();
    const parts = rest
      .split(new RegExp(WRAPPER.source, 'gi'))
      .map((part) => part.trim())
      .filter((part) => part !== '');
    if (parts.length === 0) {
      out.push(quote);
      continue;
    }
    // A part may itself open a blockquote (`<div>> ## …`): it keeps its own `>`.
    const lines = parts.map((part) => `${prefix}${restore(part)}`);
    out.push(lines.join(`\n${quote}\n`));
    // The text after a closing wrapper must not run on into the wrapped paragraph; the break stays
    // inside the blockquote the last part is in.
    out.push(QUOTE.exec(lines.at(-1)!)![0].trimEnd());
  }
  return out.join('\n');
}
