/**
 * The production server's memory settings, each a default the environment may override. They
 * lower the resident size the server settles at under load, not its speed; `npm run bench`
 * prints the server's RSS after fifty clients beside its target.
 */
export type ServerMemory = { nodeFlags: string[]; env: NodeJS.ProcessEnv };

/**
 * V8 sizes the old generation from the machine's memory and lets garbage grow to several times
 * what survives a full collection before it collects. A ceiling far above what the server keeps
 * makes it collect sooner.
 */
const HEAP_CEILING = "--max-old-space-size=512";

/**
 * glibc gives each thread that allocates an arena of its own and, once a large block has been
 * freed, serves blocks up to that size from the arenas, which keep the memory: each Argon2id hash
 * allocates 19 MiB on one of libuv's threads. Two arenas, and blocks over 128 KiB mapped and
 * unmapped on their own, give it back. Other C libraries (musl, macOS) ignore both variables.
 */
const ALLOCATOR_DEFAULTS = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072" };

export function serverMemory(env: NodeJS.ProcessEnv): ServerMemory {
  return {
    nodeFlags: env.NODE_OPTIONS?.includes("--max-old-space-size") ? [] : [HEAP_CEILING],
    env: { ...ALLOCATOR_DEFAULTS, ...env },
  };
}
