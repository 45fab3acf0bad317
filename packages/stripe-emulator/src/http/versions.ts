import { invalidRequest } from "./errors.ts";

/** The version stripe-node 23.1.0 pins; used when a request sends no Stripe-Version. */
export const DEFAULT_API_VERSION = "2026-10-28.endive";

const VERSION = /^(\d{4})-(\d{2})-(\d{2})(?:\.([a-z]+))?$/;

/**
 * Checks a `Stripe-Version` header: a real calendar date, optionally followed by a release
 * name (`.preview`, `.endive`, ...). Returns the version, or the default when absent.
 */
const accepted = new Set<string>();

export function parseApiVersion(header: string | undefined): string {
  if (header === undefined || header === "") return DEFAULT_API_VERSION;
  if (accepted.has(header)) return header;
  const match = VERSION.exec(header);
  const [, year, month, day] = match ?? [];
  const date = match ? new Date(`${year}-${month}-${day}T00:00:00Z`) : undefined;
  if (
    !date ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== `${year}-${month}-${day}` ||
    Number(year) < 2011
  ) {
    throw invalidRequest(
      `Invalid Stripe API version: ${header}. Stripe-Version must be a date such as 2026-03-04, optionally followed by a release name such as .preview.`,
      "invalid_api_version" as string,
    );
  }
  if (accepted.size < 1000) accepted.add(header);
  return header;
}

/** Whether the caller's version is older than the named date (versions compare by date). */
export function versionBefore(version: string, date: string): boolean {
  return version.slice(0, 10) < date;
}

/** The account's default version answers requests without a header, and it is never a preview. */
export function isPreviewVersion(version: string): boolean {
  return version.endsWith(".preview");
}

/**
 * Preview endpoints answer only preview versions from the day they shipped (`since`, a date).
 * Stripe's exact wording for this refusal is not published; the message names what was sent.
 */
export function requirePreviewVersion(version: string, sent: boolean, since: string): void {
  if (isPreviewVersion(version) && !versionBefore(version, since)) return;
  const used = sent
    ? `this request used Stripe-Version ${version}`
    : `this request sent no Stripe-Version header, so it used the account's default API version ${version}`;
  throw invalidRequest(
    `This endpoint is in preview and needs a preview API version from ${since}.preview on (for example Stripe-Version: ${since}.preview); ${used}.`,
  );
}
