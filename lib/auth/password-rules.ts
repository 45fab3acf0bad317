import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

/** What a new account's password is checked against besides itself. */
export type PasswordContext = { email: string; name?: string };

/**
 * zxcvbn's score runs from 0 to 4; below 2 the password falls to fewer than a million guesses:
 * it is one of the common passwords zxcvbn ships (about 49,000), one with a year or digits
 * added, a keyboard walk, a sequence or a repetition.
 */
const MIN_SCORE = 2;

/**
 * Anyone can send the registration form, and zxcvbn's time grows fast with the length and with
 * the l33t substitutions it tries (up to 0.7 s of CPU for 64 random characters with its
 * defaults). Rating only the first 64 characters with at most 10 substitutions keeps the worst
 * case under 0.1 s; a password whose first 64 characters are hard to guess is hard to guess.
 */
const RATING_LIMITS = { maxLength: 64, l33tMaxSubstitutions: 10 };

let estimator: ZxcvbnFactory | undefined;

/** Built on first use: indexing the dictionaries takes about 100 ms. */
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary,
    graphs: adjacencyGraphs,
    ...RATING_LIMITS,
  });
  return estimator;
}

/** Lower case letters and digits only: "Jenny.Rosen" and "jenny rosen" both become "jennyrosen". */
const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** The words of a name or an email's local part that are long enough to matter. */
const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3);

/** Words people build passwords on, which a year and a mark added to them do not hide. */
const CALENDAR_WORDS = [
  "spring",
  "summer",
  "autumn",
  "fall",
  "winter",
  ...Array.from({ length: 12 }, (_, month) =>
    new Date(Date.UTC(2000, month)).toLocaleString("en", { month: "long", timeZone: "UTC" }),
  ).map((month) => month.toLowerCase()),
];

/**
 * Whether the password's letters are nothing but these words ("Jenny.Rosen2024!",
 * "Summer2024!"): zxcvbn rates the digits and marks around them as strength, while they are the
 * first thing an attacker adds.
 */
function builtOnlyOn(password: string, words: readonly string[]): boolean {
  const letters = password.toLowerCase().replace(/[^\p{L}]/gu, "");
  if (letters === "") return false;
  const reachable = [true, ...Array<boolean>(letters.length).fill(false)];
  for (let start = 0; start < letters.length; start++) {
    if (!reachable[start]) continue;
    for (const word of words) {
      if (letters.startsWith(word, start)) reachable[start + word.length] = true;
    }
  }
  return reachable[letters.length] === true;
}

/**
 * Why a new account cannot have this password, as a message for the password field, or null
 * when it may. Refuses the email address or its local part (compared on letters and digits
 * only, so case, spaces and dots make no difference), one character repeated, passwords whose
 * letters are only the person's own words (name, email) or a season or month, and passwords
 * that zxcvbn rates as too easy to guess, given the same words.
 */
export function passwordProblem(password: string, { email, name }: PasswordContext): string | null {
  const address = email.trim().toLowerCase();
  const [localPart = address, domain = ""] = address.split("@");
  const ownAddress = [address, localPart].map(squash).filter((own) => own !== "");
  if (ownAddress.includes(squash(password))) {
    return "Don't use your email address as your password.";
  }
  if (new Set(password).size === 1) {
    return "Use different characters, not one character repeated.";
  }
  const ownWords = [...wordsOf(localPart), ...wordsOf(name ?? ""), ...wordsOf(domain)];
  if (builtOnlyOn(password, [...ownWords, ...CALENDAR_WORDS])) {
    return "Don't build your password on your name, your email or a season or month: digits and symbols added to them are easy to guess. Try a few unrelated words.";
  }
  const userInputs = [address, localPart, squash(localPart), ...ownWords, ...CALENDAR_WORDS];
  if (strengthEstimator().check(password, userInputs).score < MIN_SCORE) {
    return "This password is too common or too easy to guess. Try a few unrelated words.";
  }
  return null;
}
