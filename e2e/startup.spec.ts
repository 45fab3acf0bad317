import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

// Beside the app that the other specs share, on ports of this run's own.
const PORT = Number(process.env.E2E_APP_PORT ?? 3100) + 91;

/**
 * Starts the built app with extra environment and collects its output until it exits: with
 * `npm start`, as people start it (the build is current by now, so it is not built again), or
 * with `next start` alone.
 */
function startApp(env: Record<string, string>, port: number, command = ["npm", "start"]) {
  const [program = "npm", ...args] = command;
  const child = spawn(program, args, {
    env: { ...process.env, ...env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  // The server runs in processes of its own: end the whole process group, not only the parent.
  const kill = () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
  };
  return { exited, output: () => output, kill };
}

test("an unreachable DATABASE_URL stops start-up with a clear message", async () => {
  const startedAt = Date.now();
  const app = startApp({ DATABASE_URL: "postgresql://nobody@127.0.0.1:1/x" }, PORT);
  try {
    expect(await app.exited).toBe(1);
    expect(Date.now() - startedAt).toBeLessThan(20_000);
    expect(app.output()).toContain("Cannot connect to PostgreSQL at 127.0.0.1:1/x (DATABASE_URL)");
  } finally {
    app.kill();
  }
});

test("an invalid variable stops start-up naming the variable", async () => {
  const app = startApp({ STRIPE_SECRET_KEY: "not-a-key" }, PORT + 1);
  try {
    expect(await app.exited).toBe(1);
    expect(app.output()).toMatch(/STRIPE_SECRET_KEY: expected a Stripe secret key/);
  } finally {
    app.kill();
  }
});

test("next start alone, without the emulator's secrets, stops naming npm start", async () => {
  const app = startApp({ STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: "" }, PORT + 2, [
    process.execPath,
    "node_modules/next/dist/bin/next",
    "start",
  ]);
  try {
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain("The Stripe emulator's secrets are missing");
    expect(app.output()).toContain("Start the server with `npm start` (or `npm run dev`)");
  } finally {
    app.kill();
  }
});
