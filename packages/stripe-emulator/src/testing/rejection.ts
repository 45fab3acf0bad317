import { expect } from "vitest";

/** The error a stripe-node call rejects with, checked to be of the class Stripe raises. */
export async function rejection<E extends Error>(
  call: Promise<unknown>,
  kind: abstract new (...args: never[]) => E,
): Promise<E> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(kind);
  return error as E;
}
