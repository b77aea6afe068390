// Real Chromium through playwright-core. Never downloads a browser: Debian's chromium, or
// CHROMIUM_PATH, or a clear message saying how to install it.
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

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

export function launchBrowser(): Promise<Browser> {
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
    ],
  });
}
