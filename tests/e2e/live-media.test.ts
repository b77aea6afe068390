// A session on the facilitator's own recording, in real Chromium: the file is uploaded with
// progress right after creating the session, and a participant's player follows the host's clock:
// a small drift is closed by playback rate, a large one by a jump, a pause stops it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserAndServer, onTestServer } from "../support/e2e";

const e2e = browserAndServer();

/** A silent mono WAV (8 kHz, 8 bit): a real recording as far as sniffing and <audio> go. */
function silentWav(seconds: number): Buffer {
  const rate = 8_000;
  const data = rate * seconds;
  const b = Buffer.alloc(44 + data, 128);
  b.write("RIFF", 0);
  b.writeUInt32LE(36 + data, 4);
  b.write("WAVEfmt ", 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate, 28);
  b.writeUInt16LE(1, 32);
  b.writeUInt16LE(8, 34);
  b.write("data", 36);
  b.writeUInt32LE(data, 40);
  return b;
}

/** Media time minus the clock the page follows, at this instant (seconds). */
function drift(page: Page): Promise<number> {
  return page.locator("audio").evaluate((el) => {
    const a = el as HTMLAudioElement;
    const at = Number(a.dataset.clockAt);
    const clock = Number(a.dataset.clock) + (a.paused ? 0 : (performance.now() - at) / 1000);
    return a.currentTime - clock;
  });
}

describe("a session on an own recording", () => {
  it("uploads the recording with progress and keeps a participant's player on the host's clock", async () => {
    const host = await e2e.newPage({ viewport: { width: 1280, height: 900 } });
    await host.goto(`${e2e.server.url}/sessies/nieuw`);
    await host.getByLabel("Titel van de sessie").fill("Eigen opname");
    await host.getByRole("radio", { name: /Een eigen opname/ }).check();
    // Without a file the form says so, and nothing is created.
    await host.getByRole("button", { name: "Sessie aanmaken" }).click();
    await host.getByText("Kies de opname die de groep gaat bekijken.").waitFor();
    await host.getByLabel("Opname", { exact: true }).setInputFiles({ name: "gesprek.wav", mimeType: "audio/wav", buffer: silentWav(40) });
    await host.getByRole("button", { name: "Sessie aanmaken" }).click();
    await host.getByText("De opname is geüpload.").first().waitFor();
    expect(await host.locator("progress").getAttribute("value")).toBe("100");
    const joinUrl = onTestServer((await host.locator(".join-url").textContent())!, e2e.server);
    await host.getByRole("link", { name: "Open het begeleidersscherm" }).click();
    await host.getByText("Doe mee op je telefoon").waitFor();

    const phone = await e2e.newPage({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    await phone.goto(joinUrl);
    await phone.getByLabel("Naam of schuilnaam").fill("Anna");
    await phone.getByRole("radio", { name: /^Arbeidsdeskundige/ }).check();
    await phone.getByRole("button", { name: "Meedoen" }).tap();
    await phone.getByRole("heading", { name: "Welkom, Anna" }).waitFor();

    await host.getByRole("button", { name: "Naar de briefing" }).click();
    await host.getByRole("button", { name: "Start het live beoordelen" }).click();
    // The uploaded length became the gesprek's length.
    await host.getByText("/ 0:40").waitFor();
    await host.getByRole("button", { name: "Start het gesprek" }).click();

    const audio = phone.locator("audio");
    await expect.poll(() => audio.evaluate((a) => (a as HTMLAudioElement).currentTime), { timeout: 8_000 }).toBeGreaterThan(1);
    expect(await audio.evaluate((a) => (a as HTMLAudioElement).muted)).toBe(true); // the room hears the projector

    // A drift under 3 s is closed by playback rate, without a jump.
    await audio.evaluate((a) => {
      (a as HTMLAudioElement).currentTime += 1.5;
    });
    await expect.poll(() => audio.evaluate((a) => (a as HTMLAudioElement).playbackRate), { timeout: 2_000 }).toBeLessThan(1);
    await expect.poll(async () => Math.abs(await drift(phone)), { timeout: 10_000, interval: 250 }).toBeLessThan(0.5);

    // A drift beyond 3 s is a jump.
    await audio.evaluate((a) => {
      (a as HTMLAudioElement).currentTime += 6;
    });
    await expect.poll(async () => Math.abs(await drift(phone)), { timeout: 2_000, interval: 250 }).toBeLessThan(0.5);

    // The host pauses: the phone stops, at the host's time.
    await host.getByRole("button", { name: "Pauzeer" }).click();
    await expect.poll(() => audio.evaluate((a) => (a as HTMLAudioElement).paused), { timeout: 3_000 }).toBe(true);
    expect(Math.abs(await drift(phone))).toBeLessThan(0.5);
  });
});
