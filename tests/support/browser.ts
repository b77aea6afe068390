// Real Chromium through playwright-core. Never downloads a browser: Debian's chromium, or
// CHROMIUM_PATH, or a clear message saying how to install it.
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    (p): p is string => Boolean(p),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "Chromium niet gevonden. Installeer het met `apt-get install -y chromium` of zet CHROMIUM_PATH naar een Chromium-binary. (We downloaden nooit zelf een browser.)",
    );
  }
  return found;
}

/** `extraArgs`: e.g. --host-resolver-rules to give 127.0.0.1 a name that is not a secure context. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-quic",
      "--disable-sync",
      "--disable-dev-shm-usage",
      ...extraArgs,
    ],
  });
}

/**
 * Records what must never happen on our pages: uncaught errors, console errors (CSP violations
 * land there) and requests to any origin but ours. `ignoreConsole` lets a test allow an error it
 * causes on purpose (a phone held offline fails to reconnect, as it should).
 */
export function watchPage(
  page: Page,
  options: { origin: string; name?: string; problems: string[]; ignoreConsole?: (text: string) => boolean },
): void {
  const prefix = options.name ? `${options.name} ` : "";
  page.on("pageerror", (e) => options.problems.push(`${prefix}pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !options.ignoreConsole?.(m.text())) options.problems.push(`${prefix}console: ${m.text()}`);
  });
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(options.origin) && !url.startsWith("data:")) options.problems.push(`${prefix}foreign request: ${url}`);
  });
}

/**
 * Waits until React has hydrated the page (the root sets `data-hydrated` on <html>). A test that
 * changes the DOM itself must wait for this: a node added earlier makes React redo the whole page.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/**
 * Picks a score on a 0–10 ScoreScale the way a person does: a tap or click on the visible number.
 * (Its radio input is visually hidden; forcing a click on it races the page's own layout.)
 */
export async function chooseScore(page: Page, name: string, value: number, options: { tap?: boolean } = {}): Promise<void> {
  const option = page.locator(`label:has(> input[name="${name}"][value="${value}"])`);
  await (options.tap ? option.tap() : option.click());
  await page.locator(`input[name="${name}"][value="${value}"]:checked`).waitFor({ state: "attached" });
}
