/**
 * Next.js refuses a Server Action whose request body is over this size
 * (`experimental.serverActions.bodySizeLimit` in next.config.ts), and the form then fails with an
 * error page. The forms check their size first and say what is wrong instead.
 */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * What the request adds to the fields' own bytes: multipart boundaries and part headers, and the
 * form's previous state, which React sends back with it (its echoed values are capped at 1,000
 * characters each).
 */
const ENCODING_ALLOWANCE_BYTES = 64 * 1024;

export const FORM_TOO_LARGE_MESSAGE =
  "This form is too large to send (over 1 MB). Shorten what you entered and try again.";

/** Whether these fields would make a Server Action request over Next.js's limit. */
export function formTooLarge(formData: FormData): boolean {
  const encoder = new TextEncoder();
  let size = 0;
  for (const [name, value] of formData) {
    size += encoder.encode(name).byteLength;
    size += typeof value === "string" ? encoder.encode(value).byteLength : value.size;
  }
  return size > ACTION_BODY_LIMIT_BYTES - ENCODING_ALLOWANCE_BYTES;
}
