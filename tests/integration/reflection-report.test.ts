// Issue 5 against a real server with real socket.io-clients: a scripted session with known ratings
// gives the expected results over session:results and GET /api/sessions/:id/results (host only);
// reflections, evaluations and tips discussed are stored, survive a restart and are refused in the
// wrong phase or from the wrong person; the host cookie opens the report, the CSV and the JSON, and
// nothing else does; the report and downloads hold no names unless the host asks.
import { describe, expect, it } from "vitest";
import type { ElementId } from "../../app/core/domain";
import type { SessionSnapshot } from "../../app/core/protocol";
import type { ElementResult, RevealResults } from "../../app/core/results";
import type { CreatedSession } from "../../app/core/session-service";
import type { RankedTip } from "../../app/core/tip-rules";
import { serverForFile } from "../support/file-server";
import { type ChildServer, spawnServer, tempDataDir } from "../support/server";
import { api, call, connect, createSession, joinAs, joinHost, must, next, type Rater, type TestSocket } from "./live-helpers";

const server = serverForFile();

/** Final scores by hand: per element the AD mean, the ED mean and the group numbers follow from these. */
const FINALS: Record<string, Record<ElementId, number>> = {
  Anna: { vertrouwen: 6, "richting-kader": 7, binding: 5, stroefheid: 4 },
  Bram: { vertrouwen: 8, "richting-kader": 5, binding: 7, stroefheid: 3 },
  Esra: { vertrouwen: 4, "richting-kader": 6, binding: 3, stroefheid: 8 },
  Fleur: { vertrouwen: 2, "richting-kader": 4, binding: 3, stroefheid: 9 },
};
/** Each rater holds one value on vertrouwen from 0 to 19 s: 20 samples, one a second. */
const LIVE: Record<string, number> = { Anna: 6, Bram: 8, Esra: 4, Fleur: 2 };
const OBSERVER_NAME = '=HYPERLINK("http://x","klik")';

const liveSamples = (value: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, element: "vertrouwen", value, t: from + i - 1 }));

function element(results: RevealResults, id: ElementId): ElementResult {
  return results.elements.find((e) => e.elementId === id)!;
}

function cookieHeader(res: Response): string {
  const set = res.headers.get("set-cookie") ?? "";
  return set.split(";")[0];
}

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + path, { headers, redirect: "manual" });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

describe("a scripted session, from live rating to the report", () => {
  let created: CreatedSession;
  let host: { socket: TestSocket; state: SessionSnapshot; snapshots: SessionSnapshot[] };
  const raters: Rater[] = [];
  let observer: Rater;
  let results: RevealResults;
  let tips: RankedTip[];
  let cookie: string;

  it("four raters rate live and give their final scores; a retried batch is stored once", async () => {
    created = await createSession(server.url, { title: "OT Noord juni" });
    host = await joinHost(server.url, created);
    for (const [name, role] of [
      ["Anna", "arbeidsdeskundige"],
      ["Bram", "arbeidsdeskundige"],
      ["Esra", "ervaringsdeskundige"],
      ["Fleur", "ervaringsdeskundige"],
    ] as const) {
      raters.push(await joinAs(server.url, created.code, name, role));
    }
    observer = await joinAs(server.url, created.code, OBSERVER_NAME, "observator");
    await must(host.socket, "session:phase", { phase: "briefing" });
    await must(host.socket, "session:phase", { phase: "live" });
    for (const r of raters) {
      expect((await must(r.socket, "rating:samples", { samples: liveSamples(LIVE[r.name], 1, 12) })).lastSeq).toBe(12);
      // Overlaps the first batch (a retry after a lost ack): 9–12 must not be stored twice.
      expect((await must(r.socket, "rating:samples", { samples: liveSamples(LIVE[r.name], 9, 20) })).lastSeq).toBe(20);
    }
    await must(raters[2].socket, "moment:mark", { seq: 1, t: 12, element: "binding", note: "mail me op esra@voorbeeld.nl" });
    const early = await call(host.socket, "results:lag", { seconds: 1 });
    expect(early.ok ? "ok" : [early.error.code, early.error.message]).toEqual(["wrong_phase", "De reactietijd corrigeer je na de onthulling."]);
    await must(host.socket, "session:phase", { phase: "final" });
    for (const r of raters) {
      const notes = r.name === "Anna" ? { binding: "Bel haar op 06-12345678" } : undefined;
      await must(r.socket, "rating:final", { scores: FINALS[r.name], observed: [], ...(notes ? { notes } : {}) });
    }
  });

  it("the reveal sends the results worked out by hand, and the ranked tips, to everyone", async () => {
    const gotResults = next(raters[0].socket, "session:results");
    const gotTips = next(raters[0].socket, "session:tips");
    const hostTips = next(host.socket, "session:tips");
    await must(host.socket, "session:phase", { phase: "reveal" });
    results = (await gotResults) as RevealResults;
    tips = await gotTips;
    expect(await hostTips).toEqual(tips);

    expect(results.raterCount).toBe(4);
    expect(results.roleCounts).toEqual({ arbeidsdeskundige: 2, ervaringsdeskundige: 2 });
    expect(results.fewRaters).toBe(false);
    // Means, medians and ranges of FINALS, per element.
    const expected: Record<ElementId, [number, number, number, number]> = {
      vertrouwen: [5, 5, 2, 8],
      "richting-kader": [5.5, 5.5, 4, 7],
      binding: [4.5, 4, 3, 7],
      stroefheid: [6, 6, 3, 9],
    };
    for (const [id, [mean, median, min, max]] of Object.entries(expected) as [ElementId, number[]][]) {
      expect(element(results, id).summary, id).toMatchObject({ n: 4, mean, median, min, max });
    }
    // The role gap (ervaringsdeskundigen minus ADs) and the 2-point line.
    expect(element(results, "vertrouwen").gap).toMatchObject({ arbeidsdeskundigeMean: 7, ervaringsdeskundigeMean: 3, gap: -4, large: true });
    expect(element(results, "richting-kader").gap).toMatchObject({ arbeidsdeskundigeMean: 6, ervaringsdeskundigeMean: 5, gap: -1, large: false, line: null });
    expect(element(results, "stroefheid").gap).toMatchObject({ arbeidsdeskundigeMean: 3.5, ervaringsdeskundigeMean: 8.5, gap: 5, large: true });
    expect(element(results, "stroefheid").negative).toBe(true);

    // The live ratings: four constant lines, so every rated 5 s bin has n 4, mean 5, range 2–8; the
    // last sample (t = 19) holds 2 s into the bin 20–25.
    const line = element(results, "vertrouwen");
    const rated = line.timeline.bins.filter((b) => b.n > 0);
    expect(rated.map((b) => [b.start, b.n, b.mean, b.min, b.max])).toEqual([0, 5, 10, 15, 20].map((start) => [start, 4, 5, 2, 8]));
    // Alpha (interval) with U identical units of {6, 8, 4, 2}: D_o per unit = 160/3, D_e over n = 4U
    // values = 160U², so alpha = 1 − (4U − 1)·(U·160/3)/(160U²) = 1 − (4U − 1)/(3U); U = 5 → −4/15.
    expect(line.agreement).toMatchObject({ raters: 4, bins: 5, band: "verschillend" });
    expect(line.agreement.alpha).toBeCloseTo(1 - 19 / 15, 10);
    expect(element(results, "binding").agreement.alpha).toBeNull();

    // Tips, by content/tip-rules.yaml: the role gap (weight 3, once per element with a gap of 2 or
    // more: vertrouwen, binding, stroefheid) brings "evalueer" and "niet invullen"; stroefheid 6 with
    // binding 4,5 (3) "eerst binding"; nobody ticked a behaviour and every rater watched every element
    // (no focus), so every "niet aangevinkt" rule adds 1 (the binding one because stroefheid is 6);
    // vertrouwen 5 is low (1, to "niet invullen" and "vanaf eerste contact"). Ties go in tip order;
    // both roles rated, so "in de OT" does not fit, and the gesprek did not go well enough for "kernwaarden".
    expect(tips.find((t) => t.tipId === "evalueer-gesprek")!.rules.filter((r) => r.ruleId === "verschil-rollen").flatMap((r) => r.elements).sort()).toEqual([
      "binding",
      "stroefheid",
      "vertrouwen",
    ]);
    expect(tips.map((t) => [t.tipId, t.fits, t.weight])).toEqual([
      ["niet-invullen", true, 11],
      ["evalueer-gesprek", true, 10],
      ["eerst-binding", true, 4],
      ["vanaf-eerste-contact", true, 2],
      ["in-de-ot", false, 0],
      ["kernwaarden", false, 0],
    ]);
    expect(tips.find((t) => t.tipId === "eerst-binding")!.rules.map((r) => r.ruleId)).toEqual(["stroef-zonder-binding", "niet-gezien-binding"]);
    expect(tips.find((t) => t.tipId === "eerst-binding")!.rules[0].why).toContain("stroefheid gemiddeld 6,0");
    expect(tips.find((t) => t.tipId === "niet-invullen")!.rules.map((r) => r.ruleId)).toContain("verschil-rollen");
  });

  it("GET /api/sessions/:id/results gives the host the same results with the tips; nobody else", async () => {
    const res = await api(server.url, `/api/sessions/${created.sessionId}/results`, { token: created.hostToken });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.results).toEqual(results);
    expect(body.tips).toEqual(tips);
    const none = await api(server.url, `/api/sessions/${created.sessionId}/results`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/Bearer/);
    expect((await api(server.url, `/api/sessions/${created.sessionId}/results`, { token: raters[0].resumeToken })).status).toBe(403);
  });

  it("the host marks tips as discussed from the reveal on; a rater cannot; reflecting waits for its phase", async () => {
    const seen = next(raters[1].socket, "session:state", (s) => (s.discussedTips ?? []).includes("eerst-binding"));
    expect(await must(host.socket, "tips:discussed", { tipId: "eerst-binding", discussed: true })).toEqual({ discussedTips: ["eerst-binding"] });
    await seen;
    const byRater = await call(raters[0].socket, "tips:discussed", { tipId: "in-de-ot", discussed: true });
    expect(byRater.ok || byRater.error.code).toBe("forbidden");
    const unknown = await call(host.socket, "tips:discussed", { tipId: "geen-tip", discussed: true });
    expect(unknown.ok || unknown.error.code).toBe("invalid_payload");
    await must(host.socket, "session:phase", { phase: "discussion" });
    await must(host.socket, "tips:discussed", { tipId: "niet-invullen", discussed: true });
    await must(host.socket, "tips:discussed", { tipId: "in-de-ot", discussed: true });
    expect((await must(host.socket, "tips:discussed", { tipId: "in-de-ot", discussed: false })).discussedTips).toEqual(["niet-invullen", "eerst-binding"]);
    const early = await call(raters[0].socket, "reflection:submit", { learningPoint: "x", action: "y" });
    expect(early.ok ? "ok" : [early.error.code, early.error.message]).toEqual(["wrong_phase", "Je leerpunt schrijven kan als de begeleider de fase reflectie opent."]);
    const earlyEval = await call(raters[0].socket, "evaluation:submit", { answers: { nuttig: 5, clientperspectief: 5, veilig: 5, werkvorm: 5 } });
    expect(earlyEval.ok || earlyEval.error.code).toBe("wrong_phase");
  });

  it("the host corrects for reaction time: everyone gets the results again, moved earlier; nobody else can", async () => {
    const byRater = await call(raters[0].socket, "results:lag", { seconds: 2 });
    expect(byRater.ok || byRater.error.code).toBe("forbidden");
    const tooFar = await call(host.socket, "results:lag", { seconds: 4 });
    expect(tooFar.ok || tooFar.error.code).toBe("out_of_range");
    const half = await call(host.socket, "results:lag", { seconds: 1.5 });
    expect(half.ok || half.error.code).toBe("invalid_payload");
    // Refused, so nothing changed: the stored results still have no correction.
    const unchanged = await (await api(server.url, `/api/sessions/${created.sessionId}/results`, { token: created.hostToken })).json();
    expect(unchanged.results).toEqual(results);

    const gotResults = next(raters[3].socket, "session:results");
    const gotTips = next(raters[3].socket, "session:tips");
    expect(await must(host.socket, "results:lag", { seconds: 2 })).toEqual({ lagSeconds: 2 });
    const moved = (await gotResults) as RevealResults;
    expect(await gotTips).toHaveLength(6);
    expect(moved.timeline.lagSeconds).toBe(2);
    // The samples at 0–19 s now count at 0–17 s (0, 1 and 2 s all at 0): the last holds 2 s into the
    // bin 15–20, so the bin from 20 s is empty now. Final scores do not move.
    const rated = element(moved, "vertrouwen").timeline.bins.filter((b) => b.n > 0);
    expect(rated.map((b) => [b.start, b.n, b.mean])).toEqual([0, 5, 10, 15].map((start) => [start, 4, 5]));
    expect(element(moved, "vertrouwen").summary).toEqual(element(results, "vertrouwen").summary);
    // The same lag again: acked, nothing computed or sent again.
    let resent = false;
    raters[3].socket.once("session:results", () => (resent = true));
    expect(await must(host.socket, "results:lag", { seconds: 2 })).toEqual({ lagSeconds: 2 });
    const stored = await (await api(server.url, `/api/sessions/${created.sessionId}/results`, { token: created.hostToken })).json();
    expect(stored.results).toEqual(moved);
    expect(resent).toBe(false);
    // Back to none gives exactly the first results again (computed anew, so only computedAt may differ).
    const back = next(raters[0].socket, "session:results");
    await must(host.socket, "results:lag", { seconds: 0 });
    expect(await back).toEqual(results);
    await must(host.socket, "results:lag", { seconds: 2 });
  });

  it("in the reflection phase everyone writes a learning point and evaluates; the host sees counts, not who or what", async () => {
    await must(host.socket, "session:phase", { phase: "reflection" });
    const counted = next(host.socket, "session:state", (s) => s.host?.reflections === 5 && s.host.evaluations === 5);
    const writers = [...raters, observer];
    for (const [i, r] of writers.entries()) {
      const learningPoint = r.name === "Esra" ? "Bel de cliënt op 06-87654321 om te evalueren" : `Leerpunt van deelnemer ${i + 1}: eerst binding.`;
      const ack = await must(r.socket, "reflection:submit", { learningPoint, action: `Actie ${i + 1}`, themes: { behoeften: "Tijd nemen" } });
      expect(ack.submittedAt).toBeGreaterThan(0);
      await must(r.socket, "evaluation:submit", { answers: { nuttig: 6 + (i % 3), clientperspectief: 8, veilig: i, werkvorm: 10 } });
    }
    const hostView = (await counted).host!;
    expect(hostView).toMatchObject({ reflections: 5, evaluations: 5, participants: 5, projecting: false, projected: [] });
    const hostText = JSON.stringify(hostView);
    expect(hostText).not.toMatch(/Leerpunt van|06-87654321|06-12345678|esra@/);
    // Flags: which item and what kind.
    expect(hostView.personalData.map((f) => f.kinds[0]).sort()).toEqual(["email", "telefoon", "telefoon"]);
    expect(hostView.personalData.map((f) => f.label)).toEqual(expect.arrayContaining(["Notitie van Anna bij Binding (eindoordeel)"]));

    // An edit replaces the learning point; bad input is refused with a Dutch reason and changes nothing.
    await must(raters[0].socket, "reflection:submit", { learningPoint: "Leerpunt van deelnemer 1: eerst binding, dan kader.", action: "Actie 1" });
    const empty = await call(raters[0].socket, "reflection:submit", { learningPoint: "  ", action: "x" });
    expect(empty.ok ? "ok" : [empty.error.code, empty.error.message]).toEqual(["invalid_payload", "Deze invoer klopt niet: learningPoint: Schrijf op wat je uit deze sessie meeneemt."]);
    const extra = await call(raters[0].socket, "reflection:submit", { learningPoint: "a", action: "b", naam: "Anna" });
    expect(extra.ok || extra.error.code).toBe("invalid_payload");
    const tooHigh = await call(raters[0].socket, "evaluation:submit", { answers: { nuttig: 11, clientperspectief: 8, veilig: 1, werkvorm: 1 } });
    expect(tooHigh.ok || tooHigh.error.code).toBe("out_of_range");
    const missing = await call(raters[0].socket, "evaluation:submit", { answers: { nuttig: 5 } });
    expect(missing.ok ? "ok" : missing.error.message).toBe("Beantwoord alle vragen (nog 3 open).");
    const byHost = await call(host.socket, "reflection:submit", { learningPoint: "a", action: "b" });
    expect(byHost.ok || byHost.error.code).toBe("forbidden");
    const projectByRater = await call(raters[0].socket, "reflection:project", { show: true });
    expect(projectByRater.ok || projectByRater.error.code).toBe("forbidden");
  });

  it("the host projects the learning points: no names, and only to the host", async () => {
    const projected = next(host.socket, "session:state", (s) => Boolean(s.host?.projecting));
    expect(await must(host.socket, "reflection:project", { show: true })).toEqual({ projecting: true });
    const view = (await projected).host!;
    expect(view.projected).toHaveLength(5);
    expect(view.projected.map((p) => p.learningPoint)).toContain("Leerpunt van deelnemer 1: eerst binding, dan kader.");
    const text = JSON.stringify(view.projected);
    for (const name of ["Anna", "Bram", "Esra", "Fleur", "HYPERLINK"]) expect(text).not.toContain(name);
    for (const r of raters) expect(r.snapshots.some((s) => s.host !== undefined)).toBe(false);
  });

  it("survives a restart: tips, projection, reflections and evaluations are back", async () => {
    for (const r of [...raters, observer]) r.socket.close();
    host.socket.close();
    await server.restart();

    host = await joinHost(server.url, created);
    expect(host.state.phase).toBe("reflection");
    expect(host.state.discussedTips).toEqual(["niet-invullen", "eerst-binding"]);
    expect(host.state.host).toMatchObject({ reflections: 5, evaluations: 5, projecting: true });
    expect(host.state.host!.projected).toHaveLength(5);
    const kept = await (await api(server.url, `/api/sessions/${created.sessionId}/results`, { token: created.hostToken })).json();
    expect(kept.results.timeline.lagSeconds).toBe(2);
    const socket = await connect(server.url);
    const back = await must(socket, "session:join", { code: created.code, resumeToken: raters[0].resumeToken });
    expect(back.state.you.reflection).toMatchObject({ learningPoint: "Leerpunt van deelnemer 1: eerst binding, dan kader.", action: "Actie 1" });
    expect(back.state.you.evaluation?.answers).toEqual({ nuttig: 6, clientperspectief: 8, veilig: 0, werkvorm: 10 });
    raters[0].socket = socket;
  });

  it("the host cookie: only for the host token, httpOnly, SameSite=Strict, scoped to the session's pages", async () => {
    const path = `/api/sessions/${created.sessionId}/host-cookie`;
    expect((await api(server.url, path, { method: "POST" })).status).toBe(401);
    expect((await api(server.url, path, { method: "POST", token: raters[1].resumeToken })).status).toBe(403);
    const res = await api(server.url, path, { method: "POST", token: created.hostToken });
    expect(res.status).toBe(204);
    const set = res.headers.get("set-cookie")!;
    expect(set).toMatch(/^ak_begeleider=/);
    expect(set).toMatch(/; Path=\/sessie\/[A-Z0-9]{6}(;|$)/);
    expect(set).toContain(`Path=/sessie/${created.code}`);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Max-Age=43200/);
    expect(set).not.toContain(created.hostToken.slice(0, 12));
    cookie = cookieHeader(res);
  });

  it("the report answers 401 without proof, 403 with a wrong one, 200 for the host; no names unless asked", async () => {
    const url = `/sessie/${created.code}/verslag`;
    const anonymous = await page(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).toContain("Alleen voor de begeleider");
    const wrong = await page(url, { Authorization: `Bearer ${raters[1].resumeToken}` });
    expect(wrong.status).toBe(403);
    expect(wrong.text).toContain("Geen toegang tot dit verslag");
    // A cookie that was tampered with is no proof at all.
    const [name, value] = cookie.split("=");
    const tampered = await page(url, { Cookie: `${name}=${value.slice(0, -3)}AAA` });
    expect(tampered.status).toBe(401);

    const report = await page(url, { Cookie: cookie });
    expect(report.status).toBe(200);
    expect(report.headers.get("cache-control")).toMatch(/no-store/);
    const text = report.text;
    expect(text).toContain("Verslag: OT Noord juni");
    expect(text).toContain("5 deelnemers: 2 arbeidsdeskundigen, 2 ervaringsdeskundigen, 1 observator.");
    expect(text).toContain("Beoordelaar 1");
    expect(text).toMatch(/<svg/);
    expect(text).toContain("Tip 4: Bij weerstand eerst binding, dan het kader");
    expect(text).toContain("Leerpunt van deelnemer 1: eerst binding, dan kader.");
    expect(text).toContain("[weggelaten: lijkt een telefoonnummer te bevatten]");
    expect(text).toContain("Controleer dit voordat je het verslag deelt");
    expect(text).not.toContain("06-87654321");
    for (const n of ["Anna", "Bram", "Esra", "Fleur", "HYPERLINK"]) expect(text, n).not.toContain(n);
    expect(text).not.toContain('id="presence-h"');
    // Evaluation means: nuttig 6,7,8,6,7 → 6,8; veilig 0..4 → 2,0.
    expect(text).toMatch(/Deze sessie was nuttig voor mijn eigen werk\.<\/th><td class="num">6,8<\/td>/);
    expect(text).toMatch(/Ik voelde me veilig om mijn mening te geven\.<\/th><td class="num">2,0<\/td>/);

    const named = (await page(`${url}?namen=1&presentie=1`, { Cookie: cookie })).text;
    expect(named).toContain('<h2 id="presence-h">Presentielijst</h2>');
    for (const n of ["Anna", "Bram", "Esra", "Fleur"]) expect(named, n).toContain(n);

    // The host token as Bearer works too (scripts).
    expect((await page(url, { Authorization: `Bearer ${created.hostToken}` })).status).toBe(200);
    // This session's cookie opens no other session's report.
    const other = await createSession(server.url);
    expect((await page(`/sessie/${other.code}/verslag`, { Cookie: cookie })).status).toBe(401);
  });

  it("the CSV holds every stored sample exactly once, in long format, with no names and no formula cells", async () => {
    const url = `/sessie/${created.code}/verslag.csv`;
    expect((await page(url)).status).toBe(401);
    expect((await page(url, { Authorization: `Bearer ${raters[0].resumeToken}` })).status).toBe(403);
    const res = await page(url, { Cookie: cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="sessie-${created.code}-\\d{4}-\\d{2}-\\d{2}\\.csv"`));
    const lines = res.text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("session,rater,role,element,t,value,kind,behaviour");
    const rows = lines.slice(1).map((l) => l.split(","));
    const samples = rows.filter((r) => r[6] === "sample");
    expect(samples).toHaveLength(80);
    const keys = samples.map((r) => `${r[1]}@${r[4]}`);
    expect(new Set(keys).size).toBe(80);
    for (const [i, name] of ["Anna", "Bram", "Esra", "Fleur"].entries()) {
      const mine = samples.filter((r) => r[1] === `Beoordelaar ${i + 1}`);
      expect(mine.map((r) => Number(r[4]))).toEqual(Array.from({ length: 20 }, (_, t) => t));
      expect(new Set(mine.map((r) => r[5]))).toEqual(new Set([String(LIVE[name])]));
    }
    expect(rows.filter((r) => r[6] === "final")).toHaveLength(16);
    expect(rows.filter((r) => r[6] === "moment")).toEqual([[created.code, "Beoordelaar 3", "ervaringsdeskundige", "binding", "12", "", "moment", ""]]);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(res.text).not.toMatch(/HYPERLINK|Anna|esra@/);
  });

  it("the Excel download holds the CSV's rows for Dutch Excel: BOM, semicolons, decimal comma, Dutch labels", async () => {
    const url = `/sessie/${created.code}/verslag-excel.csv`;
    expect((await page(url)).status).toBe(401);
    expect((await page(url, { Authorization: `Bearer ${raters[0].resumeToken}` })).status).toBe(403);
    const res = await fetch(server.url + url, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="sessie-${created.code}-\\d{4}-\\d{2}-\\d{2}-excel\\.csv"`));
    const bytes = new Uint8Array(await res.arrayBuffer());
    // The UTF-8 byte order mark: without it Excel reads the file as Windows-1252.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("Sessie;Beoordelaar;Rol;Rol (id);Element;Element (id);Tijd in het gesprek (s);Waarde (0-10);Soort;Soort (id);Gedrag of signaal;Gedrag (id)");
    const rows = lines.slice(1).map((l) => l.split(";"));
    const csv = (await page(`/sessie/${created.code}/verslag.csv`, { Cookie: cookie })).text.split("\r\n").filter(Boolean);
    expect(rows).toHaveLength(csv.length - 1);
    expect(rows.filter((r) => r[9] === "sample")).toHaveLength(80);
    expect(rows.find((r) => r[9] === "moment")).toEqual([created.code, "Beoordelaar 3", "Ervaringsdeskundige", "ervaringsdeskundige", "Binding", "binding", "12", "", "moment", "moment", "", ""]);
    expect(rows.filter((r) => r[9] === "final").map((r) => r[8])).toEqual(Array(16).fill("eindoordeel"));
    for (const row of rows) {
      expect(row).toHaveLength(12);
      // No decimal point anywhere: Dutch Excel would read 0.5 as a date or text.
      expect(row[6]).toMatch(/^(\d+(,\d+)?)?$/);
      expect(row[7]).toMatch(/^(\d+(,\d+)?)?$/);
    }
    expect(lines.join("\n")).not.toMatch(/HYPERLINK|Anna|esra@/);
  });

  it("the JSON is the whole session without tokens or hashes, and names only when asked", async () => {
    const url = `/sessie/${created.code}/verslag.json`;
    expect((await page(url)).status).toBe(401);
    const res = await page(url, { Cookie: cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    for (const secret of [created.hostToken, created.sessionId, ...raters.map((r) => r.resumeToken), "Hash", "Token"]) {
      expect(res.text).not.toContain(secret);
    }
    for (const n of ["Anna", "Bram", "Esra", "Fleur", "HYPERLINK"]) expect(res.text).not.toContain(n);
    const data = JSON.parse(res.text);
    expect(data.samples).toHaveLength(80);
    expect(data.learningPoints).toHaveLength(5);
    expect(data.results.raterCount).toBe(4);
    expect(data.tips).toHaveLength(6);
    expect(data.session.discussedTips).toEqual(["niet-invullen", "eerst-binding"]);
    const named = JSON.parse((await page(`${url}?namen=1`, { Cookie: cookie })).text);
    expect(named.participants.map((p: { name: string }) => p.name)).toEqual(["Anna", "Bram", "Esra", "Fleur", OBSERVER_NAME]);
  });

  it("after closing nothing is written any more", async () => {
    await must(host.socket, "session:phase", { phase: "closed" });
    const late = await call(raters[0].socket, "reflection:submit", { learningPoint: "te laat", action: "x" });
    expect(late.ok || late.error.code).toBe("session_closed");
    const lateTip = await call(host.socket, "tips:discussed", { tipId: "in-de-ot", discussed: true });
    expect(lateTip.ok || lateTip.error.code).toBe("session_closed");
    const lateLag = await call(host.socket, "results:lag", { seconds: 0 });
    expect(lateLag.ok || lateLag.error.code).toBe("session_closed");
    host.socket.close();
    raters[0].socket.close();
  });
});

describe("what was acked survives SIGKILL", () => {
  it("a reflection, an evaluation and a discussed tip are back after the server is killed right after the acks", async () => {
    const dir = tempDataDir();
    const first = await spawnServer({ dataDir: dir });
    let second: ChildServer | null = null;
    try {
      const session = await createSession(first.url, { title: "Kill" });
      const host = await joinHost(first.url, session);
      const rater = await joinAs(first.url, session.code, "Gijs", "ervaringsdeskundige");
      for (const phase of ["briefing", "live", "final", "reveal", "discussion", "reflection"]) await must(host.socket, "session:phase", { phase });
      await must(host.socket, "tips:discussed", { tipId: "niet-invullen", discussed: true });
      await must(rater.socket, "evaluation:submit", { answers: { nuttig: 3, clientperspectief: 4, veilig: 5, werkvorm: 6 } });
      await must(rater.socket, "reflection:submit", { learningPoint: "Niet invullen voor de ander", action: "Vragen stellen" });
      await first.kill();
      rater.socket.close();
      host.socket.close();

      second = await spawnServer({ dataDir: dir });
      const again = await joinHost(second.url, session);
      expect(again.state.discussedTips).toEqual(["niet-invullen"]);
      expect(again.state.host).toMatchObject({ reflections: 1, evaluations: 1 });
      const socket = await connect(second.url);
      const back = await must(socket, "session:join", { code: session.code, resumeToken: rater.resumeToken });
      expect(back.state.you.reflection).toMatchObject({ learningPoint: "Niet invullen voor de ander", action: "Vragen stellen" });
      expect(back.state.you.evaluation?.answers).toEqual({ nuttig: 3, clientperspectief: 4, veilig: 5, werkvorm: 6 });
      socket.close();
      again.socket.close();
    } finally {
      await first.kill().catch(() => undefined);
      await second?.stop();
    }
  }, 30_000);
});
