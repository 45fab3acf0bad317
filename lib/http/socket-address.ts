import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import type { Socket } from "node:net";

/**
 * The address of the TCP peer of the request being handled, which a server action cannot read
 * otherwise: Next.js gives it `headers()` only, and copies the socket address into
 * X-Forwarded-For only when the request has no such header (`??=` in its base server), so a
 * client that sends one hides it.
 *
 * Node publishes every request the HTTP server receives on the `http.server.request.start`
 * diagnostics channel, synchronously, before the server's request listener runs; entering an
 * AsyncLocalStorage there makes the peer address the store of everything that request runs,
 * server actions included. A client cannot write it.
 */
type SocketAddressState = { storage: AsyncLocalStorage<string>; listening: boolean };

// Next.js bundles instrumentation and app code separately, each with its own copy of this
// module: the state lives on globalThis so that both see the same storage.
const STATE_KEY = Symbol.for("radar-abuse-reference.socket-address");
const globals = globalThis as { [STATE_KEY]?: SocketAddressState };
globals[STATE_KEY] ??= { storage: new AsyncLocalStorage(), listening: false };
const state = globals[STATE_KEY];

/** Starts recording each request's socket address. Call once per process, before serving. */
export function recordSocketAddresses(): void {
  if (state.listening) return;
  state.listening = true;
  subscribe("http.server.request.start", (message) => {
    const { socket } = message as { socket: Socket };
    if (socket.remoteAddress) state.storage.enterWith(socket.remoteAddress);
  });
}

/**
 * The socket address of the request being handled, or undefined outside a request or for one
 * that arrived before recordSocketAddresses() was called (while the server was starting).
 */
export function currentSocketAddress(): string | undefined {
  return state.storage.getStore();
}
