import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { PAYMENT_INTENT_EVENTS } from "@/lib/checkout/webhook-events";
import type { AppConfig } from "@/lib/config/load-config";
import { EVALUATION_COMPLETE_EVENT } from "@/lib/radar/late-evaluations";

const READY_TIMEOUT_MS = 30_000;

/** The data directory of the emulator answering on `port`, or undefined when none answers. */
async function runningEmulatorDataDir(port: number): Promise<string | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/_emulator/health`, {
      signal: AbortSignal.timeout(1_000),
    });
    if (!response.ok) return undefined;
    const health = (await response.json()) as { data_dir?: unknown };
    return typeof health.data_dir === "string" ? health.data_dir : "";
  } catch {
    return undefined;
  }
}

/**
 * Whether the emulator on `port` is this checkout's: it accepts the control token generated in
 * this DATA_DIR. Another one would sign its webhooks with another secret, send them to another
 * app, and mix this app's Customers into another checkout's demo.
 */
async function acceptsControlToken(port: number, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const response = await fetch(`http://127.0.0.1:${port}/_emulator/faults`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(2_000),
  });
  return response.ok;
}

/**
 * Stops a server started without `npm start` or `npm run dev` in emulator mode: without the
 * emulator's secrets it could neither verify webhooks nor reach the emulator's control API.
 */
export function requireEmulatorSecrets(config: AppConfig): void {
  if (config.stripe.webhookSecret && config.emulator.controlToken) return;
  throw new Error(
    "The Stripe emulator's secrets are missing (STRIPE_WEBHOOK_SECRET, STRIPE_EMULATOR_CONTROL_TOKEN).\n" +
      "Start the server with `npm start` (or `npm run dev`), which reads them from DATA_DIR/emulator, not with `next start` alone.",
  );
}

/**
 * Starts the local Stripe emulator as a child process, unless this checkout's own already answers
 * on its port (for example `npm run emulator` in another terminal, with the same DATA_DIR). An
 * emulator of another checkout or data directory on that port stops the start, naming the fix.
 * The emulator delivers webhooks to this app and stops with it.
 */
export async function ensureEmulator(config: AppConfig): Promise<void> {
  const { port, dataDirectory, controlToken } = config.emulator;
  const runningDataDir = await runningEmulatorDataDir(port);
  if (runningDataDir !== undefined) {
    if (!(await acceptsControlToken(port, controlToken))) {
      throw new Error(
        `Port ${port} (STRIPE_EMULATOR_PORT) is taken by another Stripe emulator, with its data in ${runningDataDir || "an unknown directory"}, not ${dataDirectory}: another checkout or DATA_DIR is running on it.\n` +
          `Stop that one, or give this checkout ports of its own, for example in .env:\n  PORT=${config.appPort + 1}\n  STRIPE_EMULATOR_PORT=${port + 1}`,
      );
    }
    console.log(`Stripe emulator: using the one already running on port ${port}`);
    return;
  }
  // The package's CLI, run by Node itself so that SIGTERM reaches the server.
  const cli = join(process.cwd(), "node_modules", ".bin", "stripe-emulator");
  const child = spawn(process.execPath, [cli], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      STRIPE_EMULATOR_PORT: String(port),
      STRIPE_EMULATOR_DATA_DIR: dataDirectory,
      // The secret the app verifies with: the one in the emulator's data dir unless overridden.
      STRIPE_WEBHOOK_SECRET: config.stripe.webhookSecret,
      STRIPE_EMULATOR_WEBHOOK_URL: `http://127.0.0.1:${config.appPort}/api/webhooks/stripe`,
      // Only the events the app acts on, as its endpoint on Stripe is set up (README).
      STRIPE_EMULATOR_WEBHOOK_EVENTS: [...PAYMENT_INTENT_EVENTS, EVALUATION_COMPLETE_EVENT].join(
        ",",
      ),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  stopWithThisProcess(child);
  await waitUntilListening(child, port);
  console.log(`Stripe emulator: started on http://127.0.0.1:${port} (data in ${dataDirectory})`);
}

function waitUntilListening(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The Stripe emulator did not start on port ${port} in time`)),
      READY_TIMEOUT_MS,
    );
    const forward = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split("\n").filter(Boolean)) stream.write(`[emulator] ${line}\n`);
      if (text.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", forward(process.stdout));
    child.stderr?.on("data", forward(process.stderr));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The Stripe emulator exited with code ${code} before it was ready`));
    });
  });
}

function stopWithThisProcess(child: ChildProcess): void {
  // Next.js ends the process on SIGINT and SIGTERM through process.exit, which fires "exit".
  process.once("exit", () => child.kill("SIGTERM"));
}
