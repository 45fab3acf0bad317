import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCAL_SECRETS_FILE, readOrCreateLocalSecrets } from "./local-secrets.ts";

const freshDir = () => mkdtempSync(join(tmpdir(), "stripe-emulator-secrets-"));

describe("readOrCreateLocalSecrets", () => {
  it("generates different secrets for each data dir, in a file only its owner can read", () => {
    const first = freshDir();
    const a = readOrCreateLocalSecrets(first);
    const b = readOrCreateLocalSecrets(freshDir());
    expect(a.webhookSecret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(a.controlToken).toMatch(/^emutok_[0-9a-f]{64}$/);
    expect(b.webhookSecret).not.toBe(a.webhookSecret);
    expect(b.controlToken).not.toBe(a.controlToken);
    expect(a.webhookSecret).not.toBe("whsec_emulator_local_only");
    expect(statSync(join(first, LOCAL_SECRETS_FILE)).mode & 0o777).toBe(0o600);
  });

  it("reads the same secrets back", () => {
    const dir = freshDir();
    const created = readOrCreateLocalSecrets(dir);
    expect(readOrCreateLocalSecrets(dir)).toEqual(created);
    expect(JSON.parse(readFileSync(join(dir, LOCAL_SECRETS_FILE), "utf8"))).toEqual({
      webhook_secret: created.webhookSecret,
      control_token: created.controlToken,
    });
  });

  it("refuses a corrupt file, naming it, instead of replacing the secrets", () => {
    const dir = freshDir();
    const path = join(dir, LOCAL_SECRETS_FILE);
    writeFileSync(path, '{"webhook_secret": "whsec_');
    expect(() => readOrCreateLocalSecrets(dir)).toThrow(
      `${path} is not a valid Stripe emulator secrets file`,
    );
    writeFileSync(path, JSON.stringify({ webhook_secret: "whsec_abc", control_token: "" }));
    expect(() => readOrCreateLocalSecrets(dir)).toThrow(/Delete it to generate new secrets/);
  });
});
