import type { Tx } from '../db/connection.js';
import { queueWrittenMail } from '../mail/outbox.js';
import { composeMail } from '../mail/service.js';
import type { Network } from '../networks/service.js';
import { localeOr, translator, type Locale, type T } from '../web/i18n.js';

/**
 * A call's e-mail, written now in the recipient's language and queued in the caller's transaction:
 * it leaves if and only if what caused it commits.
 */
export async function queueCallMail(
  tx: Tx,
  network: Network,
  m: {
    kind: string;
    to: { email: string; name: string; locale: string };
    subject: (t: T, locale: Locale) => string;
    paragraphs: (t: T, locale: Locale) => string[];
    link: string;
    baseUrl: string;
  },
): Promise<void> {
  const locale = localeOr(m.to.locale);
  const t = translator(locale);
  const mail = composeMail(
    locale,
    m.subject(t, locale),
    [t('mail.hello', { name: m.to.name }), ...m.paragraphs(t, locale)],
    m.link,
    t('mail.footer', { network: network.name, url: m.baseUrl }),
  );
  await queueWrittenMail(tx, {
    networkId: network.id,
    kind: m.kind,
    toEmail: m.to.email,
    toName: m.to.name,
    locale,
    ...mail,
  });
}
