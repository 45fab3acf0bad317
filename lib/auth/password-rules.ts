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

/**
 * Why a new account cannot have this password, as a message for the password field, or null
 * when it may. Refuses the email address or its local part (compared on letters and digits
 * only, so case, spaces and dots make no difference), one character repeated, and passwords
 * that zxcvbn rates as too easy to guess, which includes those built on the email or the name.
 */
export function passwordProblem(password: string, { email, name }: PasswordContext): string | null {
  const address = email.trim().toLowerCase();
  const localPart = address.split("@")[0] ?? address;
  const ownAddress = [address, localPart].map(squash).filter((own) => own !== "");
  if (ownAddress.includes(squash(password))) {
    return "Don't use your email address as your password.";
  }
  if (new Set(password).size === 1) {
    return "Use different characters, not one character repeated.";
  }
  const userInputs = [
    address,
    localPart,
    squash(localPart),
    ...wordsOf(localPart),
    ...wordsOf(name ?? ""),
  ];
  if (strengthEstimator().check(password, userInputs).score < MIN_SCORE) {
    return "This password is too common or too easy to guess. Try a few unrelated words.";
  }
  return null;
}
