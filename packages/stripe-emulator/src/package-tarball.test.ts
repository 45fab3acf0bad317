import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** Starts the installed CLI on a free port and resolves with its URL once it listens. */
function startCli(project: string, dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(join(project, "node_modules", ".bin", "stripe-emulator"), {
    cwd: project,
    env: { ...process.env, STRIPE_EMULATOR_PORT: "0", STRIPE_EMULATOR_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve({ url: match[1], child });
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.once("exit", (code) =>
      reject(new Error(`stripe-emulator exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * What a team gets from `npm pack`: the tarball installed into an empty project, with no access
 * to this repository's sources or tools, runs its CLI and exports on plain Node.
 */
describe("the packed package, installed into an empty project", () => {
  let root: string;
  let project: string;
  let server: { url: string; child: ChildProcess };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "stripe-emulator-pack-"));
    const { stdout } = await run(
      "npm",
      ["pack", "--json", "--pack-destination", root, "--loglevel", "error"],
      { cwd: packageDir },
    );
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    if (!packed) throw new Error(`npm pack printed no tarball: ${stdout}`);
    project = join(root, "project");
    mkdirSync(project);
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "integration", private: true, type: "module" }),
    );
    await run(
      "npm",
      ["install", "--omit=dev", "--no-audit", "--no-fund", join(root, packed.filename)],
      {
        cwd: project,
      },
    );
    server = await startCli(project, join(root, "data"));
  }, 120_000);

  afterAll(async () => {
    const child = server?.child;
    if (child && child.exitCode === null) {
      // It flushes its data dir on SIGTERM: remove the folder once it has exited.
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    }
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("ships the compiled build, not the TypeScript sources", () => {
    const installed = join(project, "node_modules", "stripe-emulator");
    expect(existsSync(join(installed, "dist", "server.js"))).toBe(true);
    expect(existsSync(join(installed, "src"))).toBe(false);
  });

  it("answers the official stripe package: a Customer and a Radar customer evaluation", async () => {
    const { port } = new URL(server.url);
    const client = (key: string) =>
      new Stripe(key, { host: "127.0.0.1", port: Number(port), protocol: "http" });
    const stripe = client("sk_test_emulator");
    const session = (await client("pk_test_emulator").rawRequest("POST", "/v1/radar/session", {
      device_id: "packed-device",
    })) as unknown as { id: string };
    const customer = await stripe.customers.create({ email: "packed@example.com" });
    expect(customer.id).toMatch(/^cus_/);
    const evaluation = (await stripe.rawRequest(
      "POST",
      "/v1/radar/customer_evaluations",
      {
        event_type: "registration",
        evaluation_context: [
          { type: "client_details", client_details: { radar_session: session.id } },
          { type: "customer_details", customer_details: { customer: customer.id } },
        ],
      },
      { apiVersion: "2026-03-04.preview" },
    )) as unknown as { object: string; customer: string; signals: Record<string, unknown> };
    expect(evaluation.object).toBe("radar.customer_evaluation");
    expect(evaluation.customer).toBe(customer.id);
    expect(evaluation.signals.multi_accounting).toMatchObject({ risk_level: "normal" });
  });

  it("exports its client and local secrets to plain Node", async () => {
    const script = `
      import { emulatorApi, readOrCreateLocalSecrets } from "stripe-emulator";
      const { controlToken } = readOrCreateLocalSecrets(process.argv[1]);
      const api = emulatorApi(process.argv[2], controlToken);
      await api.injectFault({ path: "/v1/customers", status: 500, count: 1 });
      console.log(JSON.stringify(await api.faults()));
    `;
    const { stdout } = await run(
      process.execPath,
      ["--input-type=module", "-e", script, join(root, "data"), server.url],
      { cwd: project },
    );
    expect(JSON.parse(stdout)).toMatchObject([{ path: "/v1/customers", status: 500, hits: 0 }]);
  });
});
