export type { FaultSpec } from "./control/faults.ts";
export { EMULATOR_KEYS, type EmulatorApi, emulatorApi, type RadarDevice } from "./emulator-api.ts";
export {
  LOCAL_SECRETS_FILE,
  type LocalSecrets,
  readOrCreateLocalSecrets,
} from "./local-secrets.ts";
export {
  type StartEmulatorOptions,
  type StartedEmulator,
  startEmulator,
} from "./testing/start-emulator.ts";
