import { randomFillSync } from "node:crypto";

const ALPHABET = Buffer.from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
// Random bytes are drawn in bulk: one randomFillSync per 8 KB instead of one per ID.
const pool = Buffer.alloc(8192);
let offset = pool.length;
const scratch = Buffer.alloc(64);

/** A Stripe-style ID: prefix, underscore, `length` base62 characters. */
export function newId(prefix: string, length = 24): string {
  if (offset + length > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  for (let i = 0; i < length; i++) scratch[i] = ALPHABET[(pool[offset + i] ?? 0) % 62] ?? 48;
  offset += length;
  // One flat string per ID (character-by-character concatenation would keep a rope in memory).
  return `${prefix}_${scratch.toString("latin1", 0, length)}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
