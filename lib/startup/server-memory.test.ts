import { describe, expect, it } from "vitest";
import { serverMemory } from "@/lib/startup/server-memory";

/** An environment with only these variables (Next.js's types make NODE_ENV required). */
const environment = (values: Record<string, string>) => values as NodeJS.ProcessEnv;

describe("the production server's memory settings", () => {
  it("cap V8's heap and limit glibc's arenas when the environment says nothing, keeping the rest", () => {
    const memory = serverMemory(environment({ PATH: "/usr/bin", PORT: "3000" }));
    expect(memory.nodeFlags).toEqual([expect.stringMatching(/^--max-old-space-size=\d+$/)]);
    expect(memory.env).toMatchObject({ PATH: "/usr/bin", PORT: "3000" });
    expect(Number(memory.env.MALLOC_ARENA_MAX)).toBeGreaterThan(0);
    expect(Number(memory.env.MALLOC_MMAP_THRESHOLD_)).toBeGreaterThan(0);
  });

  it("leave each setting the environment makes to it", () => {
    const memory = serverMemory(
      environment({
        NODE_OPTIONS: "--enable-source-maps --max-old-space-size=2048",
        MALLOC_ARENA_MAX: "8",
        MALLOC_MMAP_THRESHOLD_: "1048576",
      }),
    );
    expect(memory.nodeFlags).toEqual([]);
    expect(memory.env).toMatchObject({
      NODE_OPTIONS: "--enable-source-maps --max-old-space-size=2048",
      MALLOC_ARENA_MAX: "8",
      MALLOC_MMAP_THRESHOLD_: "1048576",
    });
  });
});
