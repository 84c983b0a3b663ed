import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn, type FormSession } from '../../test/support/forms.js';
import { makeChapter } from '../../test/support/factories.js';

// The organisers write an event's registration questions on the event form, the three languages
// side by side, as the event's own texts: no longer through the API only.

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let chapter: string;
let b: FormSession;
const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  chapter = (await makeChapter(t, admin.token)).slug;
  b = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
});
afterAll(() => t.close());

const eventForm = (more: Record<string, string>) => ({
  language: 'fr',
  'fr.title': 'Apéro code',
  'fr.description': '',
  kind: 'meetup',
  date,
  startTime: '18:30',
  endTime: '21:00',
  timeZone: 'Europe/Brussels',
  venue: '',
  room: '',
  onlineUrl: 'https://meet.example.org/q',
  capacity: '20',
  publish: 'on',
  guestRegistration: 'on',
  repeat: 'none',
  ...more,
});
const questionsOf = async (id: string) =>
  (await t.database.pool.query('SELECT questions FROM events WHERE id = $1', [id])).rows[0].questions;

describe('the question editor of the event form', () => {
  let id: string;

  it('creates an event with a choice question written in French and Dutch', async () => {
    const newPage = await b.get(`/admin/chapters/${chapter}/events/new`);
    // The languages side by side, the original first said so.
    expect(newPage.body).toContain('name="q0_label.fr"');
    expect(newPage.body).toContain('name="q0_choices.nl"');
    const res = await b.submit(
      `/admin/chapters/${chapter}/events/new`,
      `/admin/chapters/${chapter}/events`,
      eventForm({
        q0_id: '',
        q0_type: 'choice',
        q0_required: 'on',
        'q0_label.fr': 'Régime alimentaire',
        'q0_choices.fr': 'végétarien\nomnivore',
        'q0_label.nl': 'Dieet',
        'q0_choices.nl': 'vegetarisch\nalleseter',
        'q0_label.en': '',
        'q0_choices.en': '',
        q1_id: '',
        q1_type: 'text',
        'q1_label.fr': '',
        'q1_label.nl': '',
        'q1_label.en': '',
      }),
    );
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    id = /\/admin\/events\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
    expect(await questionsOf(id)).toEqual([
      {
        id: 'regime-alimentaire',
        label: 'Régime alimentaire',
        type: 'choice',
        required: true,
        choices: ['végétarien', 'omnivore'],
        translations: { nl: { label: 'Dieet', choices: ['vegetarisch', 'alleseter'] } },
      },
    ]);
    // A Dutch visitor is asked in Dutch.
    const page = await t.app.inject({ url: `/events/${id}?lang=nl`, headers: { 'accept-language': 'nl' } });
    const html =
      page.statusCode === 301 ? (await t.app.inject({ url: String(page.headers.location) })).body : page.body;
    expect(html).toContain('Dieet');
    expect(html).toContain('vegetarisch');
  });

  it('shows the question in each language on the edit page, and adds an English translation', async () => {
    const edit = await b.get(`/admin/events/${id}`);
    expect(edit.body).toContain('name="q0_label.fr" type="text" value="Régime alimentaire"');
    expect(edit.body).toMatch(/name="q0_choices.nl"[^>]*>vegetarisch\nalleseter<\/textarea>/);
    expect(edit.body).toContain('name="q0_id" value="regime-alimentaire"');
    const res = await b.submit(
      `/admin/events/${id}`,
      `/admin/events/${id}`,
      eventForm({
        q0_id: 'regime-alimentaire',
        q0_type: 'choice',
        q0_required: 'on',
        'q0_label.fr': 'Régime alimentaire',
        'q0_choices.fr': 'végétarien\nomnivore',
        'q0_label.nl': 'Dieet',
        'q0_choices.nl': 'vegetarisch\nalleseter',
        'q0_label.en': 'Diet',
        'q0_choices.en': 'vegetarian\nomnivore',
        scope: 'occurrence',
      }),
    );
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    const [q] = await questionsOf(id);
    expect(q.id).toBe('regime-alimentaire');
    expect(q.translations.en).toEqual({ label: 'Diet', choices: ['vegetarian', 'omnivore'] });
  });

  it('says what is wrong on the row and language concerned, in the page’s language, and changes nothing', async () => {
    const before = await questionsOf(id);
    const res = await b.submit(
      `/admin/events/${id}`,
      `/admin/events/${id}`,
      eventForm({
        q0_id: 'regime-alimentaire',
        q0_type: 'choice',
        'q0_label.fr': 'Régime alimentaire',
        'q0_choices.fr': 'végétarien\nomnivore',
        'q0_label.nl': 'Dieet',
        'q0_choices.nl': 'vegetarisch',
        q1_id: '',
        q1_type: 'choice',
        'q1_label.fr': 'Taille de t-shirt',
        'q1_choices.fr': 'M',
        scope: 'occurrence',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<html lang="fr"');
    // Each mistake linked to its field, named by its label.
    expect(res.body).toMatch(/<a href="#f-q0_choices-nl"><span class="label">Choix de la question 1 \(Néerlandais\)/);
    expect(res.body).toContain('une traduction donne autant de choix que l’original');
    expect(res.body).toMatch(/<a href="#f-q1_choices-fr"><span class="label">Choix de la question 2 \(Français\)/);
    expect(res.body).toContain('une question à choix demande au moins deux choix');
    expect(await questionsOf(id)).toEqual(before);
  });

  it('removes a question whose texts were cleared', async () => {
    const res = await b.submit(
      `/admin/events/${id}`,
      `/admin/events/${id}`,
      eventForm({ q0_id: 'regime-alimentaire', q0_type: 'choice', 'q0_label.fr': '', scope: 'occurrence' }),
    );
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    expect(await questionsOf(id)).toEqual([]);
  });
});
