// A seeded fuzzer against the client's form of Mijn spiegel on a real server: hundreds of malformed
// posts (out-of-range, non-integer, odd notations, missing fields, huge and strange text). Every one
// must be refused with 400 and a Dutch message, nothing may be stored, the server keeps answering,
// and the link still takes one honest answer afterwards. FUZZ_SEED=… repeats a run.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer } from "../../server/server";
import { startTestServer } from "../support/server";

const SEED = Number(process.env.FUZZ_SEED ?? 0x5b1e6e1);
const FIELDS = ["vertrouwen", "richting-kader", "binding", "stroefheid"] as const;
const BAD_VALUES = ["11", "-1", "4.5", "1e1", " 5", "5 ", "0x5", "", "tien", "NaN", "Infinity", "٣", "05", "+3", "100", "9".repeat(400), "\u0000", "<script>"];

function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let server: RunningServer & { dataDir: string };
beforeAll(async () => {
  server = await startTestServer({ env: { CLIENT_FEEDBACK_CONTROLLER: "Voorbeeld Org", PUBLIC_URL: "https://kompas.example.nl" } });
});
afterAll(async () => {
  await server?.close();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe("fuzzing the client form", () => {
  it(`refuses every malformed answer with 400 and stores nothing (seed ${SEED})`, async () => {
    const random = mulberry32(SEED);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const m = (await (await fetch(`${server.url}/api/spiegel`, { method: "POST" })).json()) as { spiegelId: string; key: string };
    const made = await fetch(`${server.url}/api/spiegel/${m.spiegelId}/gesprekken`, {
      method: "POST",
      headers: { Authorization: `Bearer ${m.key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ own: { vertrouwen: 5, "richting-kader": 5, binding: 5, stroefheid: 5 } }),
    });
    const url = server.url + new URL(((await made.json()) as { clientUrl: string }).clientUrl).pathname;
    const file = path.join(server.dataDir, "spiegels", `${m.spiegelId}.json`);
    const before = readFileSync(file, "utf8");

    for (let i = 0; i < 300; i++) {
      const fields: [string, string][] = FIELDS.map((f) => [f, String(Math.floor(random() * 11))]);
      // At least one field is broken: a bad value, or missing.
      const broken = new Set([pick(FIELDS), ...(random() < 0.3 ? [pick(FIELDS)] : [])]);
      const body = new URLSearchParams();
      for (const [name, value] of fields) {
        if (!broken.has(name as (typeof FIELDS)[number])) body.append(name, value);
        else if (random() < 0.8) body.append(name, pick(BAD_VALUES));
      }
      if (random() < 0.5) body.append("opmerking", random() < 0.2 ? "x".repeat(1001 + Math.floor(random() * 5000)) : "🙂\u202e<b>é</b>\r\n");
      if (random() < 0.2) body.append("__proto__", "x");
      const res = await fetch(url, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: body.toString() });
      if (res.status !== 400) throw new Error(`post ${i} gave ${res.status}: ${body.toString().slice(0, 200)}`);
      expect(await res.text()).toMatch(/Kies een cijfer|hoogstens/);
    }
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(({} as Record<string, unknown>).x).toBeUndefined();

    const honest = await fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ vertrouwen: "7", "richting-kader": "6", binding: "8", stroefheid: "2", opmerking: "" }).toString(),
    });
    expect(honest.status).toBe(303);
  });
});
