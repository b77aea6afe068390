// Content tests that check a broken file is refused: a copy of the shipped content with one file
// changed, and the ContentError loading it gives. Copies are removed when the test file is done.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect } from "vitest";
import { ContentError, loadContent } from "../../app/content.server";

export const CONTENT_DIR = path.resolve(__dirname, "../../content");

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the shipped content with `file` (relative to content/) changed. */
export function brokenContentCopy(file: string, change: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ak-content-"));
  copies.push(dir);
  cpSync(CONTENT_DIR, dir, { recursive: true });
  const target = path.join(dir, file);
  writeFileSync(target, change(readFileSync(target, "utf8")));
  return dir;
}

/** The message of the ContentError that loading `dir` gives; fails the test if it loads. */
export function contentLoadError(dir: string): string {
  try {
    loadContent(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as Error).message;
  }
  throw new Error("loadContent accepted broken content");
}
