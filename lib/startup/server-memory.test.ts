import { describe, expect, it } from "vitest";
import { serverMemory } from "@/lib/startup/server-memory";

/** An environment with only these variables (Next.js's types make NODE_ENV required). */
const environment = (values: Record<string, string>) => values as NodeJS.ProcessEnv;

describe("the server process's memory settings", () => {
  it("caps the V8 heap and sets glibc's arenas and mapping threshold by default", () => {
    const memory = serverMemory(environment({ PATH: "/usr/bin" }));
    expect(memory.nodeFlags).toEqual(["--max-old-space-size=512"]);
    expect(memory.env).toEqual({
      PATH: "/usr/bin",
      MALLOC_ARENA_MAX: "2",
      MALLOC_MMAP_THRESHOLD_: "131072",
    });
  });

  it("keeps what the environment sets instead", () => {
    const memory = serverMemory(
      environment({
        NODE_OPTIONS: "--max-old-space-size=2048",
        MALLOC_ARENA_MAX: "8",
        MALLOC_MMAP_THRESHOLD_: "1048576",
      }),
    );
    expect(memory.nodeFlags).toEqual([]);
    expect(memory.env).toMatchObject({ MALLOC_ARENA_MAX: "8", MALLOC_MMAP_THRESHOLD_: "1048576" });
  });
});
