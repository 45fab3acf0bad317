import { isIPv4, isIPv6 } from "node:net";

/**
 * The part of a client's address that per-IP limits count: an IPv4 address whole, an IPv6
 * address by its /64. One IPv6 host or home network is given a whole /64, so counting each of
 * its 2^64 addresses apart would let one client rotate past any limit.
 */
export function rateLimitAddress(address: string): string {
  const bare = address.split("%")[0] ?? address;
  if (!isIPv6(bare)) return address;
  const hextets = expand(bare);
  return `${hextets
    .slice(0, 4)
    .map((hextet) => Number.parseInt(hextet, 16).toString(16))
    .join(":")}::/64`;
}

/** The eight hextets of a valid IPv6 address, "::" filled in and a dotted IPv4 tail converted. */
function expand(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const groups = (part: string) =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (!isIPv4(group)) return [group];
          const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        });
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  return [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
}
