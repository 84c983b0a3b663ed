import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { type FormSession, signIn } from '../../test/support/forms.js';

/**
 * A notice of illegal content that is not acted on gets a statement of reasons, sent to the person
 * who made it (DSA Art. 17); the editors' queue says who reported what and when, open reports first.
 */
let t: TestApp;
let admin: string;
let editor: FormSession;

beforeAll(async () => {
  t = await startTestApp();
  const a = await t.user('admin');
  admin = a.token;
  editor = await signIn(t.app, { email: a.user.email, password: a.password });
  const res = await t.api('POST', '/api/v1/articles', {
    token: admin,
    body: { title: 'Le marché de Noël', status: 'published', bodyMarkdown: 'Le marché ouvre le 5 décembre.' },
  });
  expect(res.statusCode).toBe(201);
});
afterAll(() => t.close());

const notice = async (message: string) => {
  const res = await t.api('POST', '/api/v1/news/le-marche-de-noel/reports', {
    body: { kind: 'illegal', message, name: 'Irène Dubois', email: 'irene@example.org', goodFaith: true },
  });
  expect(res.statusCode).toBe(202);
  const rows = (await t.api('GET', '/api/v1/reports?status=new', { token: admin })).json().items;
  return rows.find((r: { message: string }) => r.message === message) as { id: string };
};
const outcome = async () =>
  (
    await t.database.pool.query(
      `SELECT text_body FROM outbound_messages WHERE to_email = 'irene@example.org' AND kind = 'news.report.outcome'`,
    )
  ).rows.map((r) => r.text_body as string);

describe('a notice of illegal content', () => {
  it('is acknowledged at once by mail, in the reporter’s language; a plain error report is not', async () => {
    const receipts = async (email: string) =>
      (
        await t.database.pool.query(
          `SELECT subject, text_body FROM outbound_messages WHERE to_email = $1 AND kind = 'news.report.receipt'`,
          [email],
        )
      ).rows as { subject: string; text_body: string }[];
    const send = (body: Record<string, unknown>) =>
      t.api('POST', '/api/v1/news/le-marche-de-noel/reports', { body, headers: { 'accept-language': 'fr' } });
    const sent = await send({
      kind: 'illegal',
      message: 'Une adresse privée publiée.',
      name: 'Paul Lemaire',
      email: 'paul@example.org',
      goodFaith: true,
    });
    expect(sent.statusCode).toBe(202);
    const [receipt, ...more] = await receipts('paul@example.org');
    expect(more).toEqual([]);
    expect(receipt!.subject).toBe('Nous avons reçu votre signalement');
    expect(receipt!.text_body).toMatch(
      /^Nous avons bien reçu votre signalement de contenu illicite concernant « Le marché de Noël » \(http:\/\/\S+\/news\/le-marche-de-noel\), envoyé le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\./,
    );
    // A typo report with an address hears only of the decision, later.
    await send({ kind: 'error', message: 'Une faute dans le titre.', email: 'lea@example.org' });
    expect(await receipts('lea@example.org')).toEqual([]);
  });
});

describe('declining a notice of illegal content', () => {
  it('needs its reasons (API), which are kept and sent to the reporter', async () => {
    const report = await notice('Ce texte contient une insulte envers une personne.');
    const bare = await t.api('POST', `/api/v1/reports/${report.id}/decision`, {
      token: admin,
      body: { status: 'declined' },
      headers: { 'accept-language': 'nl' },
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().errors).toEqual([
      expect.objectContaining({ field: 'reason', message: expect.stringContaining('illegale inhoud') }),
    ]);
    expect(await outcome()).toEqual([]);

    const reasons = 'Le passage cité décrit un fait public sans viser personne.';
    const decided = await t.api('POST', `/api/v1/reports/${report.id}/decision`, {
      token: admin,
      body: { status: 'declined', reason: reasons },
    });
    expect(decided.statusCode).toBe(200);
    const listed = (await t.api('GET', '/api/v1/reports?status=declined', { token: admin })).json().items;
    expect(listed.find((r: { id: string }) => r.id === report.id)).toMatchObject({
      status: 'declined',
      reason: reasons,
    });
    const [mail] = await outcome();
    expect(mail).toContain(reasons);
  });

  it('is refused on the queue page in the editor’s language, the report left open and what was typed kept', async () => {
    const report = await notice('Une photo publiée sans l’accord de la personne.');
    const queue = await editor.get('/admin/news/reports?lang=fr');
    expect(queue.body).toContain('Envoyé par Irène Dubois le');
    expect(queue.body).toContain('joignable par e-mail');
    const refused = await editor.submit('/admin/news/reports?lang=fr', `/admin/news/reports/${report.id}`, {
      status: 'declined',
      correction: 'brouillon de note',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('ne peut être refusé qu’avec ses motifs');
    expect(refused.body).toContain('href="#f-reason"');
    expect(refused.body).toMatch(/<textarea id="f-reason" name="reason"[^>]*aria-invalid="true"/);
    expect(refused.body).toContain('brouillon de note');
    const open = (await t.api('GET', '/api/v1/reports?status=new', { token: admin })).json().items;
    expect(open.map((r: { id: string }) => r.id)).toContain(report.id);

    const done = await editor.submit('/admin/news/reports?lang=fr', `/admin/news/reports/${report.id}`, {
      status: 'declined',
      reason: 'La personne a donné son accord par écrit.',
    });
    expect(done.statusCode).toBe(303);
    const after = await editor.get('/admin/news/reports?lang=fr');
    // Handled reports are folded below the open ones, with their decision and reasons.
    const handled = after.body.slice(after.body.indexOf('<details>'));
    expect(handled).toMatch(/<summary>\d+ signalements? traités?<\/summary>/);
    expect(handled).toContain('La personne a donné son accord par écrit.');
    expect(handled).toContain('Motifs envoyés à l’auteur du signalement');
  });

  it('other reports are declined without reasons, as before', async () => {
    const res = await t.api('POST', '/api/v1/news/le-marche-de-noel/reports', {
      body: { kind: 'error', message: 'Le marché ouvre le 6 décembre, pas le 5.' },
    });
    expect(res.statusCode).toBe(202);
    const rows = (await t.api('GET', '/api/v1/reports?status=new', { token: admin })).json().items;
    const id = rows.find((r: { kind: string }) => r.kind === 'error').id;
    const declined = await t.api('POST', `/api/v1/reports/${id}/decision`, {
      token: admin,
      body: { status: 'declined' },
    });
    expect(declined.statusCode).toBe(200);
  });
});

describe('the queue of a long-lived site', () => {
  it('keeps an old open report in view however many newer ones were handled since', async () => {
    // Written directly, a day old, then 250 reports handled after it: the public form limits how many come in.
    await t.database.pool.query(
      `INSERT INTO error_reports (network_id, article_id, kind, message, url, created_at)
       SELECT network_id, id, 'error', 'Une vieille remarque restée sans réponse.', '/news/le-marche-de-noel', now() - interval '1 day'
       FROM articles WHERE slug = 'le-marche-de-noel'`,
    );
    await t.database.pool.query(
      `INSERT INTO error_reports (network_id, article_id, kind, message, url, status, decided_at, created_at)
       SELECT r.network_id, r.article_id, 'error', 'Traité n° ' || g, r.url, 'declined', now(), now() - g * interval '1 second'
       FROM error_reports r, generate_series(1, 250) g WHERE r.message = 'Une vieille remarque restée sans réponse.'`,
    );
    const queue = await editor.get('/admin/news/reports?lang=fr');
    expect(queue.statusCode).toBe(200);
    const open = queue.body.slice(0, queue.body.indexOf('<details>'));
    expect(open).toContain('Une vieille remarque restée sans réponse.');
    expect(open).not.toContain('Aucun signalement en attente.');
  });
});
