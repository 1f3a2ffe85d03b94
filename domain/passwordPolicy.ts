// The password rules of API.md, in one place: the sign-in routes, the first start and the admin's
// user routes all check a new password here, and the console can show the same rules.
//
// - At least 12 characters and at most 256. Characters are Unicode code points, so a Chinese
//   passphrase counts as what a person typed. The maximum bounds the work a request can ask of the
//   password hash (256 code points are at most 1 KiB of UTF-8) and is also in the request schemas,
//   so a longer value is refused before anything is hashed.
// - Three of four kinds: upper-case letters, lower-case letters, digits, and everything else
//   (punctuation, symbols, spaces, and letters without case such as Chinese characters).
// - Not containing the username, compared case-insensitively.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_KINDS_REQUIRED = 3;

const KINDS: ReadonlyArray<readonly [name: string, test: RegExp]> = [
  ['upper-case letters', /\p{Lu}/u],
  ['lower-case letters', /\p{Ll}/u],
  ['digits', /\p{Nd}/u],
  ['symbols', /[^\p{Lu}\p{Ll}\p{Nd}]/u],
];

/** The rules a candidate password breaks, each as a sentence; empty when it may be used. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  const kinds = KINDS.filter(([, test]) => test.test(password)).length;
  if (kinds < PASSWORD_KINDS_REQUIRED)
    problems.push(
      `must mix at least ${PASSWORD_KINDS_REQUIRED} of: ${KINDS.map(([name]) => name).join(', ')} (it has ${kinds})`,
    );
  if (username !== '' && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('must not contain the username');
  return problems;
}

/** The policy in one sentence, for error messages and the API documentation. */
export const PASSWORD_RULES =
  `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, at least ${PASSWORD_KINDS_REQUIRED} of upper-case letters, ` +
  'lower-case letters, digits and symbols, and not containing the username (in any case)';
