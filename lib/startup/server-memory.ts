/**
 * How `npm start` runs the server process: its V8 heap ceiling and glibc's allocator settings.
 * Each is a default the environment may override.
 */
export type ServerMemory = { nodeFlags: string[]; env: NodeJS.ProcessEnv };

/**
 * V8 sizes the old generation from the machine's memory (about 4 GiB here) and lets garbage grow
 * to several times what survives a full collection before it collects: under 50 clients the
 * server kept about 90 MiB of live objects in a 400 MiB heap, and its RSS stayed at 610-630 MiB.
 * A ceiling of 512 MiB makes V8 collect sooner (RSS 355 MiB after the same run, 12 full
 * collections instead of 2) and is far above what the server keeps. NODE_OPTIONS may set another.
 */
const HEAP_CEILING = "--max-old-space-size=512";

/**
 * glibc gives each thread that allocates an arena of its own (up to 8 per CPU) and, once a large
 * block has been freed, serves blocks up to that size from the arenas, which keep the memory.
 * Each Argon2id hash allocates 19 MiB on one of libuv's threads. Two arenas, and blocks over
 * 128 KiB always mapped and unmapped, took the server on the embedded database from 453-457 MiB
 * to 398-414 after 50 clients (three runs each), with throughput and hash time unchanged within
 * the runs' noise. Other C libraries (musl, macOS) ignore both variables.
 */
const ALLOCATOR_DEFAULTS = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072" };

export function serverMemory(env: NodeJS.ProcessEnv): ServerMemory {
  return {
    nodeFlags: env.NODE_OPTIONS?.includes("--max-old-space-size") ? [] : [HEAP_CEILING],
    env: { ...ALLOCATOR_DEFAULTS, ...env },
  };
}
