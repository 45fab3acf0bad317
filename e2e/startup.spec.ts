import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

/** Starts the built app with extra environment and collects its output until it exits. */
function startApp(env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start"], {
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
  // `next start` forks its server: end the whole process group, not only the parent.
  const kill = () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
  };
  return { exited, output: () => output, kill };
}

test("an unreachable DATABASE_URL stops start-up with a clear message", async () => {
  const startedAt = Date.now();
  const app = startApp({ DATABASE_URL: "postgresql://nobody@127.0.0.1:1/x" }, 3191);
  try {
    expect(await app.exited).toBe(1);
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(app.output()).toContain("Cannot connect to PostgreSQL at 127.0.0.1:1/x (DATABASE_URL)");
  } finally {
    app.kill();
  }
});

test("an invalid variable stops start-up naming the variable", async () => {
  const app = startApp({ STRIPE_SECRET_KEY: "not-a-key" }, 3192);
  try {
    expect(await app.exited).toBe(1);
    expect(app.output()).toMatch(/STRIPE_SECRET_KEY: expected a Stripe secret key/);
  } finally {
    app.kill();
  }
});
