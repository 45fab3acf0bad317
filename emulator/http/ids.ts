import { randomFillSync } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// Random bytes are drawn in bulk: one randomFillSync per 8 KB instead of one per ID.
const pool = Buffer.alloc(8192);
let offset = pool.length;

/** A Stripe-style ID: prefix, underscore, `length` base62 characters. */
export function newId(prefix: string, length = 24): string {
  if (offset + length > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  let out = `${prefix}_`;
  for (let i = 0; i < length; i++) out += ALPHABET[(pool[offset + i] ?? 0) % 62];
  offset += length;
  return out;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
