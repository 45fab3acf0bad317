import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFingerprint } from "@/lib/startup/build-fingerprint";

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), "fingerprint-"));
  mkdirSync(join(root, "app"));
  writeFileSync(join(root, "app", "page.tsx"), "export default function Page() {}");
  writeFileSync(join(root, "package-lock.json"), "{}");
  return root;
}

describe("buildFingerprint", () => {
  it("is the same for the same sources", () => {
    expect(buildFingerprint(tree())).toBe(buildFingerprint(tree()));
  });

  it("changes when a source's content changes, or a file is added", () => {
    const root = tree();
    const before = buildFingerprint(root);
    writeFileSync(join(root, "app", "page.tsx"), "export default function Page() { return 1 }");
    const edited = buildFingerprint(root);
    expect(edited).not.toBe(before);
    writeFileSync(join(root, "app", "layout.tsx"), "");
    expect(buildFingerprint(root)).not.toBe(edited);
  });

  it("changes with the locked dependencies", () => {
    const root = tree();
    const before = buildFingerprint(root);
    writeFileSync(join(root, "package-lock.json"), '{"lockfileVersion":3}');
    expect(buildFingerprint(root)).not.toBe(before);
  });
});
