import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Stripe-style ID: prefix, underscore, 24 base62 characters. */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = `${prefix}_`;
  for (const byte of bytes) out += ALPHABET[byte % 62];
  return out;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
