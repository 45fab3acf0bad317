import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * `npm start`'s first step on its own, its output shown: builds the app into its own dist
 * directory unless the build there is current (lib/startup/build-if-stale.ts), so the server
 * starts within its time-out.
 */
export function ensureBuild(distDir: string): Promise<void> {
  return runToEnd(process.execPath, ["--import", "tsx", "lib/startup/build-if-stale.ts"], {
    ...process.env,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
  });
}

/** Runs a command with its output shown, and settles when it exits (rejecting on a failure). */
export function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with code ${code}`)),
    );
  });
}

export type AppServerOptions = {
  distDir: string;
  port: number;
  emulatorPort: number;
  dataDir: string;
  databaseUrl: string | undefined;
  logFile: string;
  /** Where the server exports its spans (OTEL_EXPORTER_OTLP_ENDPOINT); none: tracing off. */
  spansEndpoint: string | undefined;
};

export type AppServer = {
  child: ChildProcess;
  url: string;
  emulatorUrl: string;
  /** The process listening on the app's port (the Next.js server). */
  serverPid: number;
  emulatorPid: number | undefined;
  stop(): Promise<void>;
};

const READY_TIMEOUT_MS = 180_000;

/**
 * OpenTelemetry's variables for the server: its spans exported to `endpoint` every 100 ms, and a
 * queue deep enough that fifty clients' spans are not dropped between two exports.
 */
function tracingEnv(endpoint: string): Record<string, string> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_SERVICE_NAME: "radar-abuse-reference",
    OTEL_BSP_SCHEDULE_DELAY: "100",
    OTEL_BSP_MAX_QUEUE_SIZE: "100000",
    OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "5000",
  };
}

/**
 * Starts the production build in `distDir` with `npm start`, as the load balancer's backend: one
 * trusted proxy hop, its own port, emulator port and data directory. Stopped as a terminal stops
 * it, by a signal to its whole process group.
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    "DATABASE_URL",
    "STRIPE_SECRET_KEY",
    "STRIPE_PUBLISHABLE_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "STRIPE_EMULATOR_CONTROL_TOKEN",
    "APP_URL",
    "NODE_ENV",
  ]) {
    delete env[name];
  }
  Object.assign(env, {
    NEXT_DIST_DIR: options.distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(options.port),
    STRIPE_EMULATOR_PORT: String(options.emulatorPort),
    DATA_DIR: options.dataDir,
    TRUSTED_PROXY_HOPS: "1",
    ...(options.spansEndpoint ? tracingEnv(options.spansEndpoint) : {}),
    // Every row the run finds must come from its own requests.
    DEMO_HISTORY: "off",
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  const log = createWriteStream(options.logFile);
  const child = spawn("npm", ["start"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));

  const url = `http://127.0.0.1:${options.port}`;
  const emulatorUrl = `http://127.0.0.1:${options.emulatorPort}`;
  const stop = async () => {
    const processes = [child.pid ?? 0, ...descendants(child.pid ?? 0)].filter(Boolean);
    signalGroup(child, "SIGTERM");
    const timeout = sleep(20_000).then(() => "timeout" as const);
    if ((await Promise.race([exited, timeout])) === "timeout") signalGroup(child, "SIGKILL");
    // The emulator and Next.js's own children end with the server; wait until they have.
    for (let i = 0; i < 100 && processes.some(isAlive); i++) await sleep(100);
    for (const pid of processes.filter(isAlive)) process.kill(pid, "SIGKILL");
    log.end();
  };
  try {
    await waitUntilReady(child, url, options.logFile);
    if (!(await answers(`${emulatorUrl}/_emulator/health`))) {
      throw new Error(`The app answers but the emulator on ${emulatorUrl} does not`);
    }
    const tree = descendants(child.pid ?? 0);
    const serverPid = listeningPid(options.port, tree);
    if (serverPid === undefined) throw new Error(`No process of ours listens on ${options.port}`);
    return {
      child,
      url,
      emulatorUrl,
      serverPid,
      emulatorPid: listeningPid(options.emulatorPort, tree),
      stop,
    };
  } catch (error) {
    // A server that did not start right is not left running on the benchmark's ports.
    await stop();
    throw error;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // The group has ended already.
  }
}

async function waitUntilReady(child: ChildProcess, url: string, logFile: string): Promise<void> {
  const started = Date.now();
  while (!(await answers(`${url}/register`))) {
    if (child.exitCode !== null) {
      throw new Error(`The app exited with code ${child.exitCode}; see ${logFile}`);
    }
    if (Date.now() - started > READY_TIMEOUT_MS) {
      throw new Error(`The app did not answer in time; see ${logFile}`);
    }
    await sleep(500);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // A zombie has exited; only its parent's wait is missing.
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: the fields follow the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

/** Every process below `root` in the process tree. */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const parent = parentOf(Number(name));
    if (parent !== undefined) parents.set(Number(name), parent);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const current = queue.shift();
    for (const [pid, parent] of parents) {
      if (parent === current) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

/** Which of `pids` holds the socket listening on TCP `port` (from /proc/net/tcp*). */
function listeningPid(port: number, pids: number[]): number | undefined {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT, st 0A is LISTEN, the inode is the tenth field.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A" && fields[9]) {
        inodes.add(fields[9]);
      }
    }
  }
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return pid;
      } catch {}
    }
  }
  return undefined;
}

/** CPU time (user and system) the process has used so far, in ms; from /proc, so Linux only. */
export function cpuTimeMs(pid: number | undefined): number | undefined {
  return pid === undefined ? undefined : ticksToMs(`/proc/${pid}/stat`);
}

/**
 * The same for the process's main thread alone, the one JavaScript runs on: the password hash
 * (libuv's pool) and much of garbage collection (V8's helper threads) run on other threads.
 */
export function mainThreadCpuTimeMs(pid: number | undefined): number | undefined {
  return pid === undefined ? undefined : ticksToMs(`/proc/${pid}/task/${pid}/stat`);
}

function ticksToMs(statFile: string): number | undefined {
  try {
    // The command name, in brackets, may hold spaces: fields are counted after it.
    const fields = readFileSync(statFile, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isNaN(ticks) ? undefined : (ticks * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/**
 * CPU time every process on the machine has used so far, all CPUs together, in ms (from
 * /proc/stat: all but idle and I/O wait): the clients, the server, the emulator and PostgreSQL.
 */
export function machineBusyMs(): number | undefined {
  try {
    const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]?.split(/\s+/) ?? [];
    // user nice system idle iowait irq softirq steal: all but idle and iowait.
    const busy = [0, 1, 2, 5, 6, 7].map((field) => Number(ticks[field]));
    return busy.some(Number.isNaN)
      ? undefined
      : (busy.reduce((sum, value) => sum + value, 0) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times, is 100 on every architecture it runs on. */
const CLOCK_TICKS_PER_S = 100;

/** Resident set size of a process in MiB, from /proc/<pid>/status. */
export function residentMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) / 1024;
  } catch {
    return undefined;
  }
}
