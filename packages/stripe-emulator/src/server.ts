import { createEmulator } from "./app.ts";
import { configFromEnv } from "./config.ts";

const config = configFromEnv();
const emulator = createEmulator(config);
const port = await emulator.listen(config.port);
console.log(`Stripe emulator listening on http://127.0.0.1:${port} (data: ${config.dataDir})`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await emulator.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
