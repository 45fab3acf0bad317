import { randomFillSync } from "node:crypto";

const ALPHABET = Buffer.from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
// Random bytes are drawn in bulk: one randomFillSync per 8 KB instead of one per ID.
const pool = Buffer.alloc(8192);
let offset = pool.length;
const scratch = Buffer.alloc(128);

/** A Stripe-style ID: prefix, underscore, `length` base62 characters. */
export function newId(prefix: string, length = 24): string {
  if (offset + length > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const start = scratch.write(prefix, "latin1");
  scratch[start] = 0x5f; // "_"
  for (let i = 0; i < length; i++) {
    scratch[start + 1 + i] = ALPHABET[(pool[offset + i] ?? 0) % 62] ?? 48;
  }
  offset += length;
  // Decoded in one piece, the ID is one flat string: concatenating the prefix would make a rope
  // (cons string), slower to hash and compare every time the ID is a map key (bench/compare.ts
  // measures it against IDs built with `+=`).
  return scratch.toString("latin1", 0, start + 1 + length);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
