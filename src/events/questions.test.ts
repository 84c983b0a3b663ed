import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent, register } from '../../test/support/factories.js';
import { eventPath } from '../web/event-path.js';

// Registration questions and their choices in FR, NL and EN: the RSVP form asks them in the
// visitor's language, the answer is stored as the original choice whatever language it came in.

let t: TestApp;
let admin: string;
let eventId: string;
let eventUrl: string;

const role = {
  id: 'role',
  label: 'Votre rôle',
  type: 'choice',
  required: true,
  choices: ['Développeuse', 'Designer'],
  translations: { nl: { label: 'Uw rol', choices: ['Ontwikkelaar', 'Ontwerper'] } },
};
const diet = { id: 'diet', label: 'Allergies ?', translations: { en: { label: 'Food allergies?' } } };

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  const chapter = await makeChapter(t, admin);
  const made = await makeEvent(t, admin, chapter.slug, { language: 'fr', questions: [role, diet] });
  eventId = made.id;
  eventUrl = eventPath(made);
});
afterAll(() => t.close());

const rsvp = async (lang: string) => {
  const res = await t.app.inject({ url: `${eventUrl}?lang=${lang}` });
  return /<form method="post" action="[^"]*\/register"[^>]*>([\s\S]*?)<\/form>/.exec(res.body)![1]!;
};

describe('questions in three languages', () => {
  it('gives the questions back with their translations through the API', async () => {
    const view = (await t.api('GET', `/api/v1/events/${eventId}`)).json();
    expect(view.questions[0]).toMatchObject({ label: 'Votre rôle', translations: role.translations });
    expect(view.questions[1].translations).toEqual({ en: { label: 'Food allergies?' } });
  });

  it("asks each visitor in their language, the choices' values staying the original ones", async () => {
    const nl = await rsvp('nl');
    expect(nl).toContain('<label for="f-answers-role">Uw rol</label>');
    expect(nl).toContain('<option value="Développeuse">Ontwikkelaar</option>');
    expect(nl).toContain('<option value="Designer">Ontwerper</option>');
    // No Dutch for the allergies: the French, marked.
    expect(nl).toContain('<span lang="fr">Allergies ?</span>');
    expect(nl).toContain('(oorspronkelijke tekst in het Frans)');

    const en = await rsvp('en');
    expect(en).toContain('<label for="f-answers-diet">Food allergies?</label>');
    // The choices have no English: the French list, with its language.
    expect(en).toMatch(/<select id="f-answers-role"[^>]* lang="fr">/);
    expect(en).toContain('<option value="Développeuse">Développeuse</option>');

    const fr = await rsvp('fr');
    expect(fr).toContain('<label for="f-answers-role">Votre rôle</label>');
    expect(fr).not.toContain('texte original');
  });

  it('stores an answer given in a translation as the original choice', async () => {
    const res = await register(t, eventId, { name: 'Anke', answers: { role: 'Ontwikkelaar' } }, { language: 'nl' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().answers).toEqual({ role: 'Développeuse' });
  });

  it('names the question and its choices in the visitor language when an answer is missing or wrong', async () => {
    const missing = await register(t, eventId, { name: 'Bram' }, { language: 'nl' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ field: 'answers.role' });
    expect(missing.json().errors[0].message).toContain('Uw rol');
    const wrong = await register(t, eventId, { name: 'Bram', answers: { role: 'Manager' } }, { language: 'nl' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail).toContain('Ontwikkelaar, Ontwerper');
  });

  it('refuses a translation with another number of choices, and changes nothing', async () => {
    const res = await t.api('PATCH', `/api/v1/events/${eventId}`, {
      token: admin,
      body: { questions: [{ ...role, translations: { nl: { choices: ['Ontwikkelaar'] } } }] },
      headers: { 'accept-language': 'nl' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        field: 'questions.0.translations',
        message: 'een vertaling geeft evenveel keuzes als het origineel, in dezelfde volgorde',
        code: 'validation.sameChoices',
      },
    ]);
    expect((await t.api('GET', `/api/v1/events/${eventId}`)).json().questions).toHaveLength(2);
  });
});
