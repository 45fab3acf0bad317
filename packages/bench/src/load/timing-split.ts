import { closeSync, openSync, readSync, statSync } from "node:fs";
import type { RequestTiming, TimedKind } from "@/lib/timings/request-timings";

/** The mean server-side time of a flow's requests, by what it waited on. */
export type TimingSplit = {
  requests: number;
  totalMs: number;
  ms: Record<TimedKind, number>;
  calls: Record<TimedKind, number>;
  /** The rest of the server's time: the app's own code and the framework (routing, rendering). */
  otherMs: number;
};

/** Reads the request timings the server appended to `file` since `offset`. */
export class TimingLog {
  private offset = 0;
  constructor(private readonly file: string) {}

  /** Skips what is in the file now. */
  mark(): void {
    this.offset = statSync(this.file, { throwIfNoEntry: false })?.size ?? 0;
  }

  /** The split of the POSTs to `path` logged since the last mark. */
  splitSinceMark(path: string): TimingSplit | undefined {
    const size = statSync(this.file, { throwIfNoEntry: false })?.size ?? 0;
    const buffer = Buffer.alloc(size - this.offset);
    const fd = openSync(this.file, "r");
    try {
      readSync(fd, buffer, 0, buffer.length, this.offset);
    } finally {
      closeSync(fd);
    }
    const lines = buffer
      .toString("utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RequestTiming)
      .filter((line) => line.method === "POST" && line.path === path);
    return meanSplit(lines);
  }
}

export function meanSplit(lines: RequestTiming[]): TimingSplit | undefined {
  if (lines.length === 0) return undefined;
  const mean = (pick: (line: RequestTiming) => number) =>
    lines.reduce((sum, line) => sum + pick(line), 0) / lines.length;
  const kinds: TimedKind[] = ["hash", "database", "stripe"];
  const ms = Object.fromEntries(kinds.map((kind) => [kind, mean((line) => line.ms[kind])]));
  const calls = Object.fromEntries(kinds.map((kind) => [kind, mean((line) => line.calls[kind])]));
  const totalMs = mean((line) => line.totalMs);
  const waited = kinds.reduce((sum, kind) => sum + (ms[kind] ?? 0), 0);
  return {
    requests: lines.length,
    totalMs,
    ms: ms as Record<TimedKind, number>,
    calls: calls as Record<TimedKind, number>,
    otherMs: totalMs - waited,
  };
}
