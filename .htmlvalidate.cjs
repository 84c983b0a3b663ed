// html-validate's configuration for every page (src/web/html-valid.test.ts, test/e2e/find-and-create.test.ts).
// The recommended rules, with two adjustments, each for a written reason:
module.exports = {
  extends: ['html-validate:recommended'],
  rules: {
    // A group of checkboxes sharing one name is how HTML sends a multi-valued field (the events a
    // webhook listens to, the chapters one follows): the server reads the repeated keys.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
    // Pages are rendered on one line: the only line breaks are in <pre> and <textarea>, whose
    // trailing spaces are content (a mail's "-- " signature line, RFC 3676).
    'no-trailing-whitespace': 'off',
  },
};
