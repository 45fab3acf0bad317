import { describe, expect, it } from "vitest";
import { rateLimitAddress } from "@/lib/auth/rate-limit";

describe("rateLimitAddress", () => {
  it("keeps an IPv4 address, and anything that is not an address, whole", () => {
    expect(rateLimitAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitAddress("unknown")).toBe("unknown");
  });

  it("counts an IPv6 address by its /64, however it is written", () => {
    const prefix = "2001:db8:0:7::/64";
    for (const address of [
      "2001:db8:0:7::1",
      "2001:0db8:0000:0007:ffff:ffff:ffff:ffff",
      "2001:DB8:0:7:a:b:c:d",
      "2001:db8:0:7::1%eth0",
      "2001:db8::7:0:0:0:5",
    ]) {
      expect(rateLimitAddress(address)).toBe(prefix);
    }
    expect(rateLimitAddress("2001:db8:0:8::1")).toBe("2001:db8:0:8::/64");
    expect(rateLimitAddress("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitAddress("64:ff9b::203.0.113.7")).toBe("64:ff9b:0:0::/64");
  });
});
