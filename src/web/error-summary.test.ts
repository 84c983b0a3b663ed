import { expect, it } from 'vitest';
import { withFieldLabels } from './page.js';

/** The error summary names each field by its label, filled in once the page is rendered. */
const page = (label: string) =>
  `<ul><li><a href="#f-x"><span data-label-for="f-x" data-sep=" : "></span>doit être coché</a></li></ul>` +
  `<label for="f-x">${label}</label>`;

it('names the field by its label, and drops the full stop of a label written as a sentence', () => {
  expect(withFieldLabels(page('Votre nom'))).toContain('<span class="label">Votre nom</span> : doit être coché');
  expect(withFieldLabels(page('J’affirme de bonne foi que tout est exact.'))).toContain(
    '<span class="label">J’affirme de bonne foi que tout est exact</span> : doit être coché',
  );
  // Other endings stay: a question keeps its mark.
  expect(withFieldLabels(page('De quoi s’agit-il ?'))).toContain('De quoi s’agit-il ?</span> : ');
});
