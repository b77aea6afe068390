// The join link phones can reach, in real Chromium: the facilitator opens the app on 127.0.0.1 and
// the host screen shows (and encodes in its QR) this machine's LAN address; with PUBLIC_URL it is
// PUBLIC_URL; the laptop's other addresses can be chosen; and on plain http, where the browser has
// no clipboard API, "Kopieer" selects the link and says so, with a console free of header errors.
//
// All traffic stays on loopback: LAN addresses are only read and compared as strings. "lan.test"
// is mapped to 127.0.0.1 inside this Chromium (--host-resolver-rules): a name that is not a
// secure context, as http://192.168.x.y is on a real evening.
import { rmSync } from "node:fs";
import { networkInterfaces } from "node:os";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackHost } from "../../app/core/public-links";
import { hydrated, watchPage } from "../support/browser";
import { browserAndServer } from "../support/e2e";
import { decodeQr } from "../support/qr";
import { startTestServer } from "../support/server";

const e2e = browserAndServer({ browserArgs: ["--host-resolver-rules=MAP lan.test 127.0.0.1"] });
type Server = Awaited<ReturnType<typeof startTestServer>>;
const extra: Server[] = [];
let withPublicUrl: Server;
let twoNetworks: Server;

beforeAll(async () => {
  withPublicUrl = await startTestServer({ env: { PUBLIC_URL: "https://oefenen.example.nl" } });
  twoNetworks = await startTestServer({
    network: () => ({
      defaultInterface: "wlan0",
      addresses: [
        { interface: "lo", address: "127.0.0.1", family: "IPv4", internal: true },
        { interface: "wlan0", address: "192.168.1.20", family: "IPv4", internal: false },
        { interface: "eth1", address: "10.0.0.5", family: "IPv4", internal: false },
      ],
    }),
  });
  extra.push(withPublicUrl, twoNetworks);
});
afterAll(async () => {
  for (const s of extra) {
    await s.close();
    rmSync(s.dataDir, { recursive: true, force: true });
  }
});

/** Creates a session on `origin` the way a facilitator does and opens its host screen. */
async function openHostScreen(origin: string, problems: string[]): Promise<Page> {
  const host = await e2e.newPage({ viewport: { width: 1366, height: 768 } });
  watchPage(host, { origin, problems });
  await host.goto(`${origin}/sessies/nieuw`);
  await hydrated(host);
  await host.getByLabel("Titel van de sessie").fill("OT-groep Noord");
  await host.getByLabel("De namen die deelnemers zelf opgeven").check();
  await host.getByRole("button", { name: "Sessie aanmaken" }).click();
  await host.getByRole("heading", { name: "De sessie staat klaar" }).waitFor();
  await host.getByRole("link", { name: "Open het begeleidersscherm" }).click();
  await host.getByText("Doe mee op je telefoon").waitFor();
  await hydrated(host);
  return host;
}

const shownLink = async (page: Page) => (await page.locator(".lobby .join-url").textContent())!.trim();

const readQr = (page: Page) => decodeQr(page, ".lobby img.join-qr", 400);

const lanIps = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === "IPv4" && !i.internal)
    .map((i) => i!.address);

describe("the join link on the host screen", { timeout: 120_000 }, () => {
  it("opened on 127.0.0.1: link and QR carry this machine's LAN address, with the hint to test one phone first", async () => {
    const problems: string[] = [];
    const host = await openHostScreen(e2e.server.url, problems);
    const joinUrl = await shownLink(host);
    const url = new URL(joinUrl);
    expect(isLoopbackHost(url.host), joinUrl).toBe(false);
    expect(lanIps()).toContain(url.hostname);
    expect(`${url.port}${url.pathname}`).toBe(`${e2e.server.port}/doe-mee`);
    expect(await readQr(host)).toBe(joinUrl);
    await host.getByText(`Telefoons bereiken deze laptop op ${url.origin} — test het eerst met één telefoon`).waitFor();
    // On localhost the browser has a clipboard: Kopieer really copies.
    await host.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: e2e.server.url });
    await host.locator(".lobby").getByRole("button", { name: "Kopieer" }).click();
    await host.getByText("Gekopieerd").waitFor();
    expect(await host.evaluate(() => navigator.clipboard.readText())).toBe(joinUrl);
    expect(problems).toEqual([]);
  });

  it("with PUBLIC_URL: link and QR start with PUBLIC_URL, and no LAN hint", async () => {
    const problems: string[] = [];
    const host = await openHostScreen(withPublicUrl.url, problems);
    const joinUrl = await shownLink(host);
    expect(joinUrl).toMatch(/^https:\/\/oefenen\.example\.nl\/doe-mee\?code=[A-Z0-9]{6}$/);
    expect(await readQr(host)).toBe(joinUrl);
    expect(await host.getByText("Telefoons bereiken deze laptop").count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("the laptop's other addresses are choices: choosing one changes the link, the hint and the QR", async () => {
    const problems: string[] = [];
    const host = await openHostScreen(twoNetworks.url, problems);
    const first = await shownLink(host);
    expect(first).toMatch(new RegExp(`^http://192\\.168\\.1\\.20:${twoNetworks.port}/doe-mee\\?code=`));
    expect(await readQr(host)).toBe(first);
    const other = first.replace("192.168.1.20", "10.0.0.5");
    await host.getByRole("radio", { name: `10.0.0.5:${twoNetworks.port}` }).check();
    await expect.poll(() => shownLink(host), { timeout: 10_000 }).toBe(other);
    await host.getByText(`Telefoons bereiken deze laptop op http://10.0.0.5:${twoNetworks.port}`).waitFor();
    // The browser draws this QR itself (qrcode loads on demand), which takes a moment on a busy machine.
    await expect.poll(() => readQr(host), { timeout: 15_000 }).toBe(other);
    expect(await host.locator(`img.join-qr[alt="QR-code naar ${other}"]`).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it("over plain http on a network name: Kopieer selects the link and says so; no header errors in the console", async () => {
    const origin = `http://lan.test:${e2e.server.port}`;
    const problems: string[] = [];
    const host = await openHostScreen(origin, problems);
    expect(await host.evaluate(() => window.isSecureContext)).toBe(false);
    const joinUrl = await shownLink(host);
    expect(joinUrl).toMatch(new RegExp(`^http://lan\\.test:${e2e.server.port}/doe-mee\\?code=[A-Z0-9]{6}$`));
    expect(await readQr(host)).toBe(joinUrl);
    await host.locator(".lobby").getByRole("button", { name: "Kopieer" }).click();
    await host.getByText("Geselecteerd — kopieer met Ctrl+C").waitFor();
    expect(await host.evaluate(() => window.getSelection()?.toString().trim())).toBe(joinUrl);
    // Chromium logs an error for COOP / Origin-Agent-Cluster on an untrustworthy origin.
    expect(problems).toEqual([]);
  });
});
