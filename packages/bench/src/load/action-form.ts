/**
 * What a browser without JavaScript posts for a server-action form: React renders the action's
 * reference as hidden `$ACTION_...` inputs for progressive enhancement, and the browser sends
 * them with the fields as multipart/form-data to the page's own URL.
 */

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code =
        entity[1] === "x" || entity[1] === "X"
          ? Number.parseInt(entity.slice(2), 16)
          : Number.parseInt(entity.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
  return match?.[1] === undefined ? undefined : decodeHtmlEntities(match[1]);
}

/**
 * The hidden `$ACTION_...` inputs of the page's form that has a field named `fieldName` (the
 * page's layout may hold other action forms, like the sign-out button). Throws when there is no
 * such form or it carries no action reference.
 */
export function actionInputs(html: string, fieldName: string): [string, string][] {
  const forms = html.match(/<form\b[\s\S]*?<\/form>/gi) ?? [];
  const form = forms.find((candidate) =>
    (candidate.match(/<(input|select|textarea)\b[^>]*>/gi) ?? []).some(
      (tag) => attribute(tag, "name") === fieldName,
    ),
  );
  if (!form) throw new Error(`No form with a field named "${fieldName}" on the page`);
  const inputs: [string, string][] = [];
  for (const tag of form.match(/<input\b[^>]*>/gi) ?? []) {
    const name = attribute(tag, "name");
    if (name?.startsWith("$ACTION_")) inputs.push([name, attribute(tag, "value") ?? ""]);
  }
  if (inputs.length === 0) {
    throw new Error(`The form with "${fieldName}" has no $ACTION_ inputs (is it a server action?)`);
  }
  return inputs;
}

export type MultipartBody = { contentType: string; body: Buffer };

/** A multipart/form-data body, as a browser encodes text fields. */
export function multipartBody(fields: [string, string][], boundary: string): MultipartBody {
  const escapeName = (name: string) =>
    name.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");
  const parts = fields.map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${value.replace(/\r?\n/g, "\r\n")}\r\n`,
  );
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`),
  };
}

/** The value of cookie `name` among a response's Set-Cookie headers, if it sets one. */
export function setCookieValue(
  setCookie: string | string[] | undefined,
  name: string,
): string | undefined {
  const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const header of headers) {
    const [pair] = header.split(";");
    const separator = pair?.indexOf("=") ?? -1;
    if (pair && separator > 0 && pair.slice(0, separator).trim() === name) {
      const value = pair.slice(separator + 1).trim();
      if (value) return value;
    }
  }
  return undefined;
}
