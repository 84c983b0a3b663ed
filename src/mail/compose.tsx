import { renderToString } from 'preact-render-to-string';
import type { Locale } from '../web/i18n.js';
import type { Attachment } from './tables.js';

// Pure: features that write their own mail (sign-up, login links, invitations, imports) compose
// it here inside their transactions, without pulling in the worker-side rendering.

export interface Rendered {
  subject: string;
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
  attachments?: Attachment[];
}

/** Every e-mail has the same shape: paragraphs, one link, and the network as signature. */
export function composeMail(
  locale: Locale,
  subject: string,
  paragraphs: string[],
  link: string,
  footer: string,
): Rendered {
  const htmlBody = `<!doctype html>${renderToString(
    <html lang={locale}>
      <body style="font-family: system-ui, sans-serif; line-height: 1.5">
        {paragraphs.map((p) => (
          <p>{p}</p>
        ))}
        <p>
          <a href={link}>{link}</a>
        </p>
        <hr />
        <p style="color: #555">{footer}</p>
      </body>
    </html>,
  )}`;
  return {
    subject,
    textBody: `${paragraphs.join('\n\n')}\n\n${link}\n\n-- \n${footer}\n`,
    htmlBody,
    headers: { 'Content-Language': locale },
  };
}
