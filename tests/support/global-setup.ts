// One temp folder per test run: TMPDIR for every test worker, Chromium and child server, removed
// when the run ends. Tests still clean up what they make; this catches what one forgets.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), "ak-run-"));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
