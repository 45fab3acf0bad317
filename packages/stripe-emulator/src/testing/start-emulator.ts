import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readOrCreateLocalSecrets } from "../local-secrets.ts";

export interface StartedEmulator {
  url: string;
  port: number;
  dataDir: string;
  pid: number;
  /** For `Authorization: Bearer <controlToken>` on the control API. */
  controlToken: string;
  /** What the configured webhook endpoint (STRIPE_EMULATOR_WEBHOOK_URL) signs with. */
  webhookSecret: string;
  /** SIGTERM and wait for a clean exit (state flushed and compacted). */
  stop(): Promise<void>;
  /** SIGKILL, for crash tests. */
  kill(): void;
}

export interface StartEmulatorOptions {
  /** Defaults to a fresh temporary directory. */
  dataDir?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Runs the package's CLI on a free port and resolves once it prints its listening line. Node
 * runs the CLI script itself (not through a wrapper such as `npx` or the `tsx` command), so the
 * child is the server: `kill()` (SIGKILL) really kills the server instead of orphaning it.
 */
export function startEmulator(options: StartEmulatorOptions = {}): Promise<StartedEmulator> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "stripe-emulator-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STRIPE_EMULATOR_PORT: "0",
    STRIPE_EMULATOR_DATA_DIR: dataDir,
    ...options.env,
  };
  // Resolved on call, not on import: bundlers that take in this module (Next.js's, through
  // the package's index) give `import.meta.url` a meaning of their own.
  const cli = join(
    dirname(fileURLToPath(import.meta.url)),
    "..",
    "..",
    "bin",
    "stripe-emulator.js",
  );
  const child: ChildProcess = spawn(process.execPath, [cli], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  return new Promise((resolvePromise, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `Stripe emulator did not start within ${options.timeoutMs ?? 20_000} ms:\n${output}`,
        ),
      );
    }, options.timeoutMs ?? 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      if (!match?.[1] || !match[2]) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stdout?.resume();
      const port = Number(match[2]);
      const secrets = readOrCreateLocalSecrets(dataDir);
      resolvePromise({
        url: match[1],
        port,
        dataDir,
        pid: child.pid ?? 0,
        controlToken: secrets.controlToken,
        webhookSecret: env.STRIPE_WEBHOOK_SECRET || secrets.webhookSecret,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill("SIGTERM");
          await exited;
        },
        kill() {
          child.kill("SIGKILL");
        },
      });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Stripe emulator exited with code ${code}:\n${output}`));
    });
  });
}
