import { invalidRequest } from "../http/errors.ts";
import { type Fields, int, type Params, str } from "../http/params.ts";
import type { Entry } from "../store/store.ts";

export const listFields: Fields = {
  limit: { type: "integer", min: 1 },
  starting_after: { type: "string" },
  ending_before: { type: "string" },
  expand: { type: "any" },
};

/**
 * A Stripe list page over entries given newest first: `limit` (1-100, default 10),
 * `starting_after` / `ending_before` cursors, `has_more`. Builds the JSON from stored text.
 */
export function listJson(
  url: string,
  entries: Iterable<Entry>,
  params: Params,
  accept: (entry: Entry) => boolean = () => true,
): string {
  const limit = int(params, "limit") ?? 10;
  if (limit > 100) {
    throw invalidRequest(
      `This value must be less than or equal to 100 (it currently is '${limit}').`,
      "parameter_invalid_integer",
      "limit",
    );
  }
  const after = str(params, "starting_after");
  const before = str(params, "ending_before");
  const matching: Entry[] = [];
  let started = after === undefined;
  let hasMore = false;
  for (const entry of entries) {
    if (!accept(entry)) continue;
    if (before !== undefined && entry.id === before) break;
    if (!started) {
      if (entry.id === after) started = true;
      continue;
    }
    matching.push(entry);
    if (before === undefined && matching.length > limit) break;
  }
  let page = matching;
  if (before !== undefined) {
    hasMore = matching.length > limit;
    page = matching.slice(-limit);
  } else {
    hasMore = matching.length > limit;
    page = matching.slice(0, limit);
  }
  const data = page.map((entry) => entry.json).join(",");
  return `{"object":"list","data":[${data}],"has_more":${hasMore},"url":${JSON.stringify(url)}}`;
}
