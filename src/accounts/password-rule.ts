/**
 * The one rule for a password a person chooses (on /verify, by an admin for a new member, through
 * the API or the command line): long enough, and not one a guesser tries first. Length alone let
 * "aaaaaaaaaa" and "1234567890" through; an online guesser starts with exactly those.
 */
export const PASSWORD_MIN = 10;

// Keyboard rows (AZERTY for Belgium, QWERTY) and the alphabet: a password read off one of them,
// forwards or backwards, is among the first guesses.
const runs = ['azertyuiop', 'qsdfghjklm', 'wxcvbn', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz'];
const digits = '01234567890';

// The passwords of leaked lists that are long enough to pass the length rule, in the three languages.
const common = new Set([
  'password12',
  'password123',
  'password1234',
  'motdepasse',
  'motdepasse1',
  'motdepasse123',
  'wachtwoord',
  'wachtwoord1',
  'wachtwoord123',
  'iloveyou12',
  'football12',
  'baseball12',
  'welcome123',
  'bienvenue1',
  'bienvenue123',
  'changeme12',
  'letmein123',
  'qwerty1234',
  'azerty1234',
  'azerty123456',
  'qwerty123456',
  '1q2w3e4r5t',
  '1a2z3e4r5t',
  'a1b2c3d4e5',
]);

const isRun = (s: string): boolean =>
  [...runs, digits].some((row) => row.includes(s) || [...row].reverse().join('').includes(s));

/** True when the password is one a guesser tries first: a single repeated pattern, a keyboard row, a common one. */
export function isGuessable(password: string): boolean {
  const p = password.toLowerCase();
  // Too few different characters: "aaaaaaaaaa", "abababababab", "1212121212".
  if (new Set(p).size < 4) return true;
  if (common.has(p)) return true;
  // A run with a few digits or signs around it ("azertyuiop1", "!abcdefghij") is still a run.
  const core = p.replace(/^[\d\W_]{1,4}|[\d\W_]{1,4}$/g, '');
  return isRun(p) || (core.length >= 6 && isRun(core));
}
