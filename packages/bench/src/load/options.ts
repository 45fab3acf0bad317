export type DatabaseKind = "embedded" | "postgres";

export type LoadOptions = {
  /** Seconds each flow runs. */
  durationS: number;
  /** Each flow runs once per number of concurrent clients. */
  connections: number[];
  databases: DatabaseKind[];
  appPort: number;
  emulatorPort: number;
  /** A PostgreSQL URL whose user may create and drop databases; its database is not touched. */
  postgresUrl: string;
  /** The production build to run, built first unless it is current. */
  distDir: string;
  /** Also registrations and log-ins at fixed arrival rates, fractions of the limit's throughput. */
  openLoop: boolean;
  timeoutS: number;
  /** The server exports its spans to the benchmark (OpenTelemetry), which splits its time. */
  tracing: boolean;
};

export const USAGE = `npm run bench -- [options]   (each also an environment variable)

  --duration <s>       seconds per flow, 1-300            LOAD_DURATION_S   (10)
  --connections <list> concurrent clients, each 1-500     LOAD_CONNECTIONS  (1,50)
  --databases <list>   embedded,postgres                  LOAD_DATABASES    (both)
  --app-port <port>    the app's port                     LOAD_APP_PORT     (3300)
  --emulator-port <p>  the Stripe emulator's port         LOAD_EMULATOR_PORT (12312)
  --postgres-url <url> server to create the test database on
                       LOAD_POSTGRES_URL (postgresql://postgres@127.0.0.1:5432/postgres)
  --dist-dir <dir>     the production build to run, built NEXT_DIST_DIR     (.next-load)
                       first unless it is current (as npm start does)
  --open-loop          also registrations and log-ins arriving at 25, 50 and 75 % of the
                       limit's throughput at the most clients, each with its p50 and p99
  --timeout <s>        per-request time-out, 1-120        LOAD_TIMEOUT_S    (60)
  --tracing on|off     the server's spans, for its time split LOAD_TRACING  (on)`;

const FLAGS: Record<string, string> = {
  duration: "LOAD_DURATION_S",
  connections: "LOAD_CONNECTIONS",
  databases: "LOAD_DATABASES",
  "app-port": "LOAD_APP_PORT",
  "emulator-port": "LOAD_EMULATOR_PORT",
  "postgres-url": "LOAD_POSTGRES_URL",
  "dist-dir": "NEXT_DIST_DIR",
  timeout: "LOAD_TIMEOUT_S",
  tracing: "LOAD_TRACING",
};

export class UsageError extends Error {}

function whole(name: string, text: string | undefined, fallback: number, min: number, max: number) {
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${name}: expected a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/** Options from the command line, then the environment, then the defaults; bounded. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): LoadOptions {
  const given: Record<string, string | undefined> = {};
  let openLoop = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--open-loop") {
      openLoop = true;
      continue;
    }
    if (arg === "--help" || arg === "-h") throw new UsageError(USAGE);
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (!name || !(name in FLAGS)) throw new UsageError(`Unknown option ${arg}\n\n${USAGE}`);
    const value = match?.[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    given[name] = value;
  }
  const pick = (flag: string) => given[flag] ?? env[FLAGS[flag] ?? ""];

  const databases = (pick("databases") ?? "embedded,postgres")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of databases) {
    if (name !== "embedded" && name !== "postgres") {
      throw new UsageError(`--databases: expected embedded and/or postgres, got "${name}"`);
    }
  }
  if (databases.length === 0) throw new UsageError("--databases: name at least one database");
  const appPort = whole("--app-port", pick("app-port"), 3300, 1024, 65_535);
  const emulatorPort = whole("--emulator-port", pick("emulator-port"), 12312, 1024, 65_535);
  if (appPort === emulatorPort) throw new UsageError("The app and the emulator need two ports");
  const postgresUrl = pick("postgres-url") ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  if (!/^postgres(ql)?:\/\//.test(postgresUrl)) {
    throw new UsageError("--postgres-url: expected a postgresql:// URL");
  }
  const tracing = pick("tracing") ?? "on";
  if (tracing !== "on" && tracing !== "off") {
    throw new UsageError(`--tracing: expected on or off, got "${tracing}"`);
  }
  return {
    durationS: whole("--duration", pick("duration"), 10, 1, 300),
    connections: (pick("connections") ?? "1,50")
      .split(",")
      .map((count) => whole("--connections", count.trim(), 0, 1, 500)),
    databases: [...new Set(databases)] as DatabaseKind[],
    appPort,
    emulatorPort,
    postgresUrl,
    distDir: pick("dist-dir") || ".next-load",
    openLoop,
    timeoutS: whole("--timeout", pick("timeout"), 60, 1, 120),
    tracing: tracing === "on",
  };
}
