// What makes a staff password acceptable, for the command line, the administration screens and the
// server alike. Following NIST SP 800-63B: length matters and known passwords are refused; no
// rules about mixing character classes, which push people towards "Password1!".
export const MIN_PASSWORD_CHARS = 12;
/** scrypt accepts any length, but a paste of a whole file is a mistake, not a password. */
export const MAX_PASSWORD_CHARS = 200;

/** Passwords people choose first; each is at least MIN_PASSWORD_CHARS long, the rest are too short. */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  'qwertyuiopas',
  'qwertyuiop123',
  'password1234',
  'password12345',
  'passwordpassword',
  'iloveyou1234',
  'administrator',
  'administrator1',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'librarian123',
  'library12345',
  'circulation1',
  'circulation123',
]);

/** Why the password may not be used, in words for the person choosing it; null when it is fine. */
export function passwordProblem(
  password: string,
  context: { username?: string } = {},
): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_CHARS) {
    return `The password is too short: use at least ${MIN_PASSWORD_CHARS} characters (a few words together are easy to remember).`;
  }
  if (length > MAX_PASSWORD_CHARS) {
    return `The password is too long: use at most ${MAX_PASSWORD_CHARS} characters.`;
  }
  if (password.trim() !== password) {
    return 'The password starts or ends with a space, which is easy to lose when typing it: remove it.';
  }
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 2) {
    return 'The password repeats one or two characters: choose something harder to guess.';
  }
  if (COMMON_PASSWORDS.has(lower)) {
    return 'The password is one of the first that attackers try: choose another.';
  }
  const username = context.username?.trim().toLowerCase();
  if (username && username.length >= 3 && lower.includes(username)) {
    return 'The password contains the username: choose something else.';
  }
  if (lower.includes('circa')) {
    return 'The password contains the name of the system, which attackers try first: choose another.';
  }
  if (isSequence(lower)) {
    return 'The password is a run of consecutive keys or digits: choose something harder to guess.';
  }
  return null;
}

/** '123456789012', 'abcdefghijkl': every character one after the one before (or one before it). */
function isSequence(text: string): boolean {
  const codes = [...text].map((c) => c.codePointAt(0) ?? 0);
  const steps = new Set(codes.slice(1).map((code, i) => code - (codes[i] ?? 0)));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}
