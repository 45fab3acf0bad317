import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientIp, UNKNOWN_CLIENT_IP } from "@/lib/http/client-ip";
import { currentSocketAddress, recordSocketAddresses } from "@/lib/http/socket-address";

const SOCKET = "198.51.100.20";
const PROXY_SEES = "203.0.113.7";

describe("clientIp, against a client that writes its own X-Forwarded-For", () => {
  const fakes = ["10.0.0.1", "1.2.3.4, 5.6.7.8", "unknown", "203.0.113.99", ""];

  it("with no trusted proxy, always gives the socket address", () => {
    for (const forwardedFor of [...fakes, null]) {
      expect(clientIp({ forwardedFor, socketAddress: SOCKET, trustedProxyHops: 0 })).toBe(SOCKET);
    }
  });

  it("with one trusted proxy, gives the address that proxy appended and ignores the fakes", () => {
    for (const fake of fakes) {
      const forwardedFor = fake ? `${fake}, ${PROXY_SEES}` : PROXY_SEES;
      expect(clientIp({ forwardedFor, socketAddress: SOCKET, trustedProxyHops: 1 })).toBe(
        PROXY_SEES,
      );
    }
  });

  it("with two trusted proxies, gives the address the outer one appended", () => {
    const forwardedFor = `6.6.6.6, ${PROXY_SEES}, 192.0.2.10`;
    expect(clientIp({ forwardedFor, socketAddress: SOCKET, trustedProxyHops: 2 })).toBe(PROXY_SEES);
  });

  it("with more trusted hops than the chain has, falls back to its leftmost address", () => {
    expect(clientIp({ forwardedFor: PROXY_SEES, socketAddress: SOCKET, trustedProxyHops: 3 })).toBe(
      PROXY_SEES,
    );
    expect(clientIp({ forwardedFor: null, socketAddress: SOCKET, trustedProxyHops: 1 })).toBe(
      SOCKET,
    );
  });

  it("says unknown rather than trusting the client when the socket address is missing", () => {
    expect(
      clientIp({ forwardedFor: "6.6.6.6", socketAddress: undefined, trustedProxyHops: 0 }),
    ).toBe(UNKNOWN_CLIENT_IP);
    expect(clientIp({ forwardedFor: null, socketAddress: undefined, trustedProxyHops: 1 })).toBe(
      UNKNOWN_CLIENT_IP,
    );
  });

  it("reads IPv4-mapped socket addresses as the IPv4 address proxies write", () => {
    expect(
      clientIp({ forwardedFor: null, socketAddress: `::ffff:${SOCKET}`, trustedProxyHops: 0 }),
    ).toBe(SOCKET);
    expect(
      clientIp({ forwardedFor: null, socketAddress: "2001:db8::1", trustedProxyHops: 0 }),
    ).toBe("2001:db8::1");
  });
});

describe("recordSocketAddresses", () => {
  it("gives code running for a request its socket address, whatever X-Forwarded-For says", async () => {
    recordSocketAddresses();
    const server = createServer(async (_, response) => {
      // After an await, as in a server action.
      await new Promise((resolve) => setTimeout(resolve, 5));
      response.end(String(currentSocketAddress()));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const seen = await Promise.all(
        ["10.0.0.1", "10.0.0.2"].map(async (fake) => {
          const response = await fetch(`http://127.0.0.1:${port}/`, {
            headers: { "x-forwarded-for": fake },
          });
          return response.text();
        }),
      );
      expect(seen).toEqual(["127.0.0.1", "127.0.0.1"]);
      expect(currentSocketAddress()).toBeUndefined();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
