/**
 * `npm run bench`: the app's own cost, on the production build, once on the embedded database
 * and once on a fresh PostgreSQL database. For each, and for each number of concurrent clients
 * (1 and 50): registrations, log-ins and checkouts for a fixed time, posted as a browser without
 * JavaScript posts the server actions' forms, each with its server-side time split (database,
 * Stripe, the rest) from the spans the server exports (OpenTelemetry); beside each, in the
 * same run, its limit (limit.ts). Then every successful answer is checked against the
 * rows it should have made, and the targets are printed as met or missed.
 * Options: options.ts (`npm run bench -- --help`).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { emulatorApi } from "stripe-emulator";
import type { DatabaseConfig } from "@/lib/config/load-config";
import { EMULATOR_KEYS } from "@/lib/config/load-config";
import {
  cpuTimeMs,
  ensureBuild,
  machineBusyMs,
  mainThreadCpuTimeMs,
  residentMiB,
  runToEnd,
  sleep,
  startAppServer,
} from "./app-server";
import {
  type Account,
  CHECKOUT_PAYMENT_METHOD,
  checkoutFlow,
  loginFlow,
  loginSupply,
  makeAccount,
  type RegistrationItem,
  readActionForm,
  registrationFlow,
  Supply,
} from "./flows";
import { limitFlows, runLimit } from "./limit";
import { OPEN_LOOP_FRACTIONS, runOpenLoop } from "./open-loop";
import { type DatabaseKind, type LoadOptions, parseOptions, UsageError } from "./options";
import { type FlowRow, formatFailures, formatTable, formatTargets } from "./report";
import { type FlowOptions, type FlowResult, type FlowSpec, runFlow } from "./run-flow";
import { SpanLog } from "./span-split";
import {
  type EmulatorPaymentIntent,
  type LoadResults,
  type Verification,
  verifyRows,
} from "./verify";

type DatabaseRun = { rows: FlowRow[]; verification: Verification; problems: string[] };

async function main(): Promise<number> {
  let options: LoadOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  await ensureBuild(options.distDir);

  const runs: DatabaseRun[] = [];
  for (const kind of options.databases) {
    // Other work on the machine shows in the figures: the load average says how much there was.
    // The server runs on this Node.js too (app-server.ts), whose version moves them.
    const load = loadavg().map((value) => value.toFixed(1));
    console.log(
      `\n== ${kind}: ${options.connections.join(" and ")} clients, ${options.durationS} s per flow (Node.js ${process.version}, ${cpus().length} CPUs, load average ${load.join(" ")}) ==`,
    );
    runs.push(await runOnDatabase(kind, options));
  }

  const rows = runs.flatMap((run) => run.rows);
  console.log(`\n${formatTable(rows)}\n`);
  for (const line of formatTargets(rows)) console.log(line);
  console.log("");
  for (const line of runs.flatMap((run) => formatFailures(run.rows))) console.log(line);
  let failed = false;
  for (const [index, run] of runs.entries()) {
    const name = options.databases[index];
    for (const note of run.verification.notes) console.log(`${name}: ${note}`);
    for (const problem of run.problems) console.log(`${name}: ERROR ${problem}`);
    const { mismatches, checked } = run.verification;
    if (mismatches.length === 0) {
      console.log(`${name}: ${checked} answers checked, zero lost or duplicated rows`);
    } else {
      console.log(`${name}: ${mismatches.length} mismatch(es) in ${checked} answers:`);
      for (const mismatch of mismatches.slice(0, 50)) console.log(`  ${mismatch}`);
      if (mismatches.length > 50) console.log(`  ... and ${mismatches.length - 50} more`);
    }
    if (mismatches.length > 0 || run.problems.length > 0) failed = true;
  }
  return failed ? 1 : 0;
}

async function runOnDatabase(kind: DatabaseKind, options: LoadOptions): Promise<DatabaseRun> {
  const dataDir = mkdtempSync(join(tmpdir(), `radar-load-${kind}-`));
  const runId = randomBytes(4).toString("hex");
  let postgres: { url: string; drop: () => Promise<void> } | undefined;
  const spans = options.tracing ? new SpanLog() : undefined;
  try {
    if (kind === "postgres") postgres = await createPostgresDatabase(options.postgresUrl, runId);
    const database: DatabaseConfig = postgres
      ? { kind: "postgres", url: postgres.url }
      : { kind: "embedded", directory: resolve(dataDir, "pglite") };
    const logFile = join(dataDir, "server.log");
    const spansEndpoint = await spans?.listen();
    console.log(`Starting the app on port ${options.appPort} (log: ${logFile}) ...`);
    const server = await startAppServer({
      distDir: options.distDir,
      port: options.appPort,
      emulatorPort: options.emulatorPort,
      dataDir,
      databaseUrl: postgres?.url,
      logFile,
      spansEndpoint,
    });
    const rows: FlowRow[] = [];
    const results: Awaited<ReturnType<typeof runFlows>>["results"][] = [];
    const problems: string[] = [];
    let paymentIntents: EmulatorPaymentIntent[];
    try {
      for (const connections of options.connections) {
        const run = await runFlows(kind, options, `${runId}c${connections}`, server, {
          connections,
          spans,
        });
        rows.push(...run.rows);
        results.push(run.results);
        problems.push(...run.problems);
      }
      // Work left for after the responses (outcome reports) finishes; then the emulator's
      // PaymentIntents are read while it runs (it stops with the app).
      await sleep(2_000);
      paymentIntents = await emulatorApi(server.emulatorUrl).listAll<EmulatorPaymentIntent>(
        "/v1/payment_intents",
      );
    } finally {
      console.log("Stopping the app ...");
      await server.stop();
    }
    console.log("Checking rows against the answers ...");
    const verification = await verifyRows(database, mergeResults(results), paymentIntents);
    return { rows, verification, problems };
  } finally {
    await spans?.close();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const WEBHOOK_PATH = "/api/webhooks/stripe";
const WEBHOOK_WAIT_MS = 120_000;
const WEBHOOKS_QUIET_MS = 2_000;
const WEBHOOKS_POLL_MS = 1_000;
/** Less CPU than this in a poll, and the server is taken as idle. */
const IDLE_CPU_MS = 50;
/** Spans are exported every 100 ms (app-server.ts): a flow's last ones are in after this. */
const SPANS_EXPORTED_MS = 1_000;

/**
 * Every PaymentIntent that succeeds, the limit's too, has the emulator deliver a webhook to the
 * app: thousands after the limit's checkouts, which the app would otherwise still be handling
 * while the next flow is measured (seen: the first hundred registrations at fifty clients).
 * Waits until at least the limit's have been answered since the flow's mark and none has come
 * for a while; returns how many came. Without spans, waits until the server's CPU is idle for
 * as long, and returns undefined.
 */
async function webhooksSettled(
  spans: SpanLog | undefined,
  serverPid: number,
  atLeast: number,
): Promise<number | undefined> {
  const deadline = Date.now() + WEBHOOK_WAIT_MS;
  let arrived = -1;
  let lastActiveAt = Date.now();
  let cpu = cpuTimeMs(serverPid);
  for (;;) {
    if (spans) {
      const now = spans.splitSinceMark(WEBHOOK_PATH)?.requests ?? 0;
      if (now !== arrived) [arrived, lastActiveAt] = [now, Date.now()];
    } else {
      const now = cpuTimeMs(serverPid);
      if (now === undefined || cpu === undefined || now - cpu >= IDLE_CPU_MS) {
        lastActiveAt = Date.now();
      }
      cpu = now;
    }
    const quiet = Date.now() - lastActiveAt >= WEBHOOKS_QUIET_MS;
    if ((quiet && (!spans || arrived >= atLeast)) || Date.now() > deadline) {
      return spans ? arrived : undefined;
    }
    await sleep(WEBHOOKS_POLL_MS);
  }
}

/**
 * Radar Sessions are made before a flow's clock starts, as the limit's are, so that making them
 * (the browser's work, with Stripe.js) is not counted in the flow's CPU time: enough for 100
 * answers a second, more than any flow reaches here, and topped up only if a run outpaces that.
 */
const STOCK_PER_S = 100;
const REFILL_BELOW = 50;

async function runFlows(
  kind: DatabaseKind,
  options: LoadOptions,
  runId: string,
  server: Awaited<ReturnType<typeof startAppServer>>,
  { connections, spans }: { connections: number; spans: SpanLog | undefined },
) {
  const flowOptions: FlowOptions = {
    url: server.url,
    connections,
    durationS: options.durationS,
    timeoutS: options.timeoutS,
  };
  const problems: string[] = [];
  const rows: FlowRow[] = [];
  const limits = limitFlows(server.emulatorUrl, runId);
  const cpuNow = () => ({
    server: cpuTimeMs(server.serverPid),
    mainThread: mainThreadCpuTimeMs(server.serverPid),
    emulator: cpuTimeMs(server.emulatorPid),
    machine: machineBusyMs(),
  });
  let cpuAtMark = cpuNow();
  // Each flow's spans and CPU time are counted from here.
  const mark = () => {
    spans?.mark();
    cpuAtMark = cpuNow();
  };
  const perAnswer = (now: number | undefined, before: number | undefined, answers: number) =>
    now === undefined || before === undefined || answers === 0
      ? undefined
      : (now - before) / answers;
  const measure = async <T>(
    result: FlowResult<T>,
    path: string,
    openLoopRatePerS?: number,
  ): Promise<number | undefined> => {
    const cpu = cpuNow();
    if (spans) await sleep(SPANS_EXPORTED_MS);
    rows.push({
      database: kind,
      connections,
      openLoopRatePerS,
      result: result as FlowRow["result"],
      split: spans?.splitSinceMark(path),
      serverCpuMs: perAnswer(cpu.server, cpuAtMark.server, result.successes),
      mainThreadCpuMs: perAnswer(cpu.mainThread, cpuAtMark.mainThread, result.successes),
      emulatorCpuMs: perAnswer(cpu.emulator, cpuAtMark.emulator, result.successes),
      machineCpuMs: perAnswer(cpu.machine, cpuAtMark.machine, result.successes),
      serverRssMiB: residentMiB(server.serverPid),
      emulatorRssMiB: residentMiB(server.emulatorPid),
    });
    if (result.successes === 0) problems.push(`${result.name}: no request succeeded`);
    if (result.errors > 0) problems.push(`${result.name}: ${result.errors} request error(s)`);
    if (result.non2xx3xx > 0) {
      problems.push(`${result.name}: ${result.non2xx3xx} answer(s) outside 2xx/3xx`);
    }
    console.log(
      `${result.name}, ${connections} clients: ${result.sent.length} requests, ${result.successes} succeeded in ${result.elapsedS.toFixed(1)} s (1-minute load average ${loadavg()[0]?.toFixed(1)})`,
    );
    // The limit of the same flow, by as many clients, against the same emulator.
    const limit = limits.find((flow) => result.name === flow.name);
    if (!limit || openLoopRatePerS !== undefined) return undefined;
    const machineBefore = machineBusyMs();
    const measured = await runLimit(limit, flowOptions);
    rows.push({
      database: kind,
      connections,
      result: measured,
      split: undefined,
      machineCpuMs: perAnswer(machineBusyMs(), machineBefore, measured.successes),
    });
    if (measured.failures > 0) {
      problems.push(`${measured.name}: ${formatFailures(rows.slice(-1)).join("; ")}`);
    }
    if (result.name.startsWith("checkout")) {
      const arrived = await webhooksSettled(spans, server.serverPid, measured.successes);
      if (arrived !== undefined && arrived < measured.successes) {
        problems.push(
          `checkout: ${arrived} webhooks reached the app, fewer than the limit's ${measured.successes} PaymentIntents`,
        );
      }
    }
    return measured.successes / (measured.elapsedS || Number.NaN);
  };
  /**
   * At the most clients, the flow again open-loop: arrivals at fixed fractions of the limit's
   * throughput, whose latencies are the app's own rather than the queue fifty clients keep.
   */
  const openLoopRuns = async <T>(
    limitPerS: number | undefined,
    flow: () => FlowSpec<T>,
    path: string,
    before: (arrivals: number) => Promise<void>,
  ): Promise<FlowResult<T>[]> => {
    if (!options.openLoop || connections !== Math.max(...options.connections)) return [];
    if (!limitPerS || !Number.isFinite(limitPerS)) return [];
    const results: FlowResult<T>[] = [];
    for (const fraction of OPEN_LOOP_FRACTIONS) {
      const ratePerS = fraction * limitPerS;
      await before(Math.ceil(ratePerS * options.durationS));
      mark();
      const result = await runOpenLoop(flow(), { ...flowOptions, ratePerS });
      result.name = `${result.name} at ${fraction * 100} % of the limit`;
      // Counted in their latencies, from the arrival time: the benchmark shares the CPUs.
      if (result.lateSends > 0) {
        console.log(`${result.name}: ${result.lateSends} of ${result.sent.length} sent late`);
      }
      await measure(result, path, ratePerS);
      results.push(result);
    }
    return results;
  };

  // 1. Registrations: each person with its own device's Radar Session, made beforehand.
  let nextIndex = 0;
  const newAccount = () => makeAccount(runId, nextIndex++);
  const registrationSupply = new Supply<RegistrationItem>(
    async () => {
      const account = newAccount();
      return {
        account,
        radarSession: await emulatorApi(server.emulatorUrl).createRadarSession(account.device),
      };
    },
    REFILL_BELOW,
    8,
  );
  await registrationSupply.fill(STOCK_PER_S * options.durationS);
  const registerForm = await readActionForm(server.url, "/register", "email");
  const registered: Account[] = [];
  registrationSupply.startRefilling();
  mark();
  const registrationSpec = () =>
    registrationFlow(server.url, registerForm, registrationSupply, newAccount, registered);
  const registration = await runFlow(registrationSpec(), flowOptions).finally(() =>
    registrationSupply.stopRefilling(),
  );
  const registrationLimitPerS = await measure(registration, "/register");
  const openRegistrations = await openLoopRuns(
    registrationLimitPerS,
    registrationSpec,
    "/register",
    (arrivals) => registrationSupply.fill(arrivals),
  );
  registration.sent.push(...openRegistrations.flatMap((run) => run.sent));
  if (registrationSupply.shortfalls > 0) {
    problems.push(
      `registration: ${registrationSupply.shortfalls} sent without a Radar Session (none ready)`,
    );
  }
  if (registered.length === 0) throw new Error("No account was registered: nothing to log in");

  // 2. Log-ins with the right password, each on its person's own device.
  const logins = loginSupply(server.emulatorUrl, registered, REFILL_BELOW);
  await logins.fill(STOCK_PER_S * options.durationS);
  const loginForm = await readActionForm(server.url, "/login", "password");
  logins.startRefilling();
  mark();
  const loginSpec = () => loginFlow(server.url, loginForm, logins, registered);
  const login = await runFlow(loginSpec(), flowOptions).finally(() => logins.stopRefilling());
  const loginLimitPerS = await measure(login, "/login");
  const openLogins = await openLoopRuns(loginLimitPerS, loginSpec, "/login", (arrivals) =>
    logins.fill(arrivals),
  );
  login.sent.push(...openLogins.flatMap((run) => run.sent));

  // 3. Checkouts by the signed-in people, one product each, paid with Stripe's test Visa.
  const signedIn = registered.filter((account) => account.sessionCookie);
  await requirePaymentMethod(server.emulatorUrl);
  const checkoutPage = await readActionForm(
    server.url,
    "/checkout",
    "billing[name]",
    signedIn[0]?.sessionCookie,
  );
  const productIds = [
    ...new Set(
      [...checkoutPage.html.matchAll(/name="quantity\[([^"\]]+)\]"/g)].map((m) => m[1] ?? ""),
    ),
  ].filter(Boolean);
  if (productIds.length === 0) throw new Error("The checkout page lists no product");
  mark();
  const checkout = await runFlow(
    checkoutFlow(server.url, { inputs: checkoutPage.inputs, productIds }, signedIn),
    flowOptions,
  );
  await measure(checkout, "/checkout");
  return { rows, problems, results: { registration, login, checkout } };
}

/** The runs at each number of clients, as one run whose answers are all checked. */
function mergeResults(runs: LoadResults[]): LoadResults {
  const [first] = runs;
  if (!first) throw new Error("No flow ran");
  return {
    registration: { ...first.registration, sent: runs.flatMap((run) => run.registration.sent) },
    login: { ...first.login, sent: runs.flatMap((run) => run.login.sent) },
    checkout: { ...first.checkout, sent: runs.flatMap((run) => run.checkout.sent) },
  };
}

/** The test card's PaymentMethod must be known to the emulator, as it is to Stripe. */
async function requirePaymentMethod(emulatorUrl: string): Promise<void> {
  const response = await fetch(`${emulatorUrl}/v1/payment_methods/${CHECKOUT_PAYMENT_METHOD}`, {
    headers: { Authorization: `Bearer ${EMULATOR_KEYS.secretKey}` },
  });
  if (!response.ok) {
    throw new Error(`The emulator does not know ${CHECKOUT_PAYMENT_METHOD}: ${response.status}`);
  }
}

/** A new database on the server, migrated with `npm run db:migrate`, dropped afterwards. */
async function createPostgresDatabase(serverUrl: string, runId: string) {
  const name = `radar_load_${runId}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  try {
    console.log(`Created PostgreSQL database ${name}; migrating ...`);
    await runToEnd("npm", ["run", "--silent", "db:migrate"], {
      ...process.env,
      DATABASE_URL: url.toString(),
    });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.toString(), drop };
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
