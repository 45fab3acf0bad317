import { z } from "zod";
import { RISK_LEVELS } from "@/lib/radar/signals";

export const EVENT_TYPES = ["registration", "login", "payment"] as const;
/** Each generation's account-abuse signals (v1, then v2), and the Payment Evaluation's. */
export const SIGNALS = [
  "multi_accounting",
  "account_sharing",
  "user_multi_accounting",
  "user_account_sharing",
  "fraudulent_payment",
] as const;
/** `none`: the evaluation was unavailable, so Radar gave no risk level. */
export const RISK_FILTERS = [...RISK_LEVELS, "none"] as const;
export const DECISIONS = ["allow", "review", "block"] as const;

export type EvaluationFilter = {
  event?: (typeof EVENT_TYPES)[number];
  signal?: (typeof SIGNALS)[number];
  risk?: (typeof RISK_FILTERS)[number];
  decision?: (typeof DECISIONS)[number];
  /** An email (exact, any case) or a user ID. */
  who?: string;
};

export type Cursor = { createdAt: Date; id: string };

export type SearchParams = Record<string, string | string[] | undefined>;

const blankAsMissing = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const choice = <const T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.preprocess(
    blankAsMissing,
    z.enum(values, { error: `Unknown ${label}: choose one from the list.` }).optional(),
  );

const querySchema = z.object({
  event: choice(EVENT_TYPES, "event type"),
  signal: choice(SIGNALS, "signal"),
  risk: choice(RISK_FILTERS, "risk level"),
  decision: choice(DECISIONS, "decision"),
  who: z.preprocess(
    blankAsMissing,
    z
      .string()
      .trim()
      .max(254, "A user ID or email is at most 254 characters.")
      .transform((who) => (who.includes("@") ? who.toLowerCase() : who))
      .optional(),
  ),
});

const CURSOR = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/;

/** A page's position: the last row's creation time in milliseconds and its ID, `<ms>.<id>`. */
export function encodeCursor(row: Cursor): string {
  return `${row.createdAt.getTime()}.${row.id}`;
}

export function decodeCursor(value: string): Cursor | null {
  const match = CURSOR.exec(value);
  if (!match?.[1] || !match[2]) return null;
  return { createdAt: new Date(Number(match[1])), id: match[2] };
}

export type DashboardQuery = { filter: EvaluationFilter; cursor: Cursor | null; errors: string[] };

/**
 * The dashboard's GET parameters. A bad value is dropped with an error that names it, and the
 * rest of the query still applies.
 */
export function parseDashboardQuery(params: SearchParams): DashboardQuery {
  const single = (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const errors: string[] = [];
  const filter: EvaluationFilter = {};
  for (const key of Object.keys(querySchema.shape) as (keyof typeof querySchema.shape)[]) {
    const parsed = querySchema.shape[key].safeParse(single(key));
    if (parsed.success) {
      if (parsed.data !== undefined) Object.assign(filter, { [key]: parsed.data });
    } else {
      errors.push(parsed.error.issues[0]?.message ?? `Bad ${key}.`);
    }
  }
  const rawCursor = single("cursor");
  const cursor = rawCursor ? decodeCursor(rawCursor) : null;
  if (rawCursor && !cursor) errors.push("This page link is not valid: showing the newest page.");
  return { filter, cursor, errors };
}

/** The query string of a filter (and page), for links that keep the filters. */
export function dashboardHref(filter: EvaluationFilter, cursor?: Cursor): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  if (cursor) params.set("cursor", encodeCursor(cursor));
  const query = params.toString();
  return query ? `/dashboard?${query}` : "/dashboard";
}
