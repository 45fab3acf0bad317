import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";

/** Secrets generated for one emulator data directory, shared by the emulator and the app. */
export interface LocalSecrets {
  /** Signs the webhooks the emulator sends to the app's endpoint. */
  webhookSecret: string;
  /** Required by the control API (`Authorization: Bearer <token>`). */
  controlToken: string;
}

export const LOCAL_SECRETS_FILE = "local-secrets.json";

const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9_]+$/;
const CONTROL_TOKEN = /^emutok_[A-Za-z0-9_]+$/;

function parse(path: string, text: string): LocalSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const { webhook_secret, control_token } = (parsed ?? {}) as Record<string, unknown>;
  if (
    typeof webhook_secret !== "string" ||
    !WEBHOOK_SECRET.test(webhook_secret) ||
    typeof control_token !== "string" ||
    !CONTROL_TOKEN.test(control_token)
  ) {
    throw new Error(
      `${path} is not a valid Stripe emulator secrets file (expected {"webhook_secret": "whsec_...", "control_token": "emutok_..."}). Delete it to generate new secrets; the app and the emulator will both use the new ones.`,
    );
  }
  return { webhookSecret: webhook_secret, controlToken: control_token };
}

/**
 * Reads `local-secrets.json` in `dataDir`, creating it with fresh random secrets on first use.
 * The file is written to a private temporary name and hard-linked into place, so a reader never
 * sees a partial file and two processes starting at once agree on one set of secrets (the
 * second link fails with EEXIST and that process reads the winner's file).
 */
export function readOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const path = join(/*turbopackIgnore: true*/ dataDir, LOCAL_SECRETS_FILE);
  try {
    return parse(path, readFileSync(path, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const text = `${JSON.stringify({
    webhook_secret: `whsec_${randomBytes(32).toString("hex")}`,
    control_token: `emutok_${randomBytes(32).toString("hex")}`,
  })}\n`;
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temporary, "wx", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  return parse(path, readFileSync(path, "utf8"));
}
