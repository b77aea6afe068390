// Small-group privacy in the results themselves (docs/decisions/013-small-group-privacy.md), against
// a real server with real socket.io-clients: one ervaringsdeskundige and three ADs in a session that
// shows names and roles apart. Whatever a rater's socket receives after the reveal (on the reveal, on
// a rejoin), what the host gets over HTTP and what the report's JSON holds: no ervaringsdeskundige's
// mark at her score, no AD-only mean that gives her score away, no name beside a score.
import { afterAll, describe, expect, it } from "vitest";
import { ELEMENT_IDS, type ElementId } from "../../app/core/domain";
import type { RevealResults } from "../../app/core/results";
import type { CreatedSession } from "../../app/core/session-service";
import { serverForFile } from "../support/file-server";
import { api, connect, createSession, joinAs, joinHost, must, next, type Rater, type TestSocket } from "./live-helpers";

const server = serverForFile();

// Esra's scores stand apart from every AD's, so any trace of them is easy to find; the ADs' means
// (6⅓, 5⅔, 6⅓, 2⅓) are no whole number, so they cannot hide among the dots or the reference.
const FINALS: Record<string, Record<ElementId, number>> = {
  Anna: { vertrouwen: 6, "richting-kader": 5, binding: 6, stroefheid: 3 },
  Bram: { vertrouwen: 7, "richting-kader": 6, binding: 5, stroefheid: 2 },
  Chantal: { vertrouwen: 6, "richting-kader": 6, binding: 8, stroefheid: 2 },
  Esra: { vertrouwen: 1, "richting-kader": 10, binding: 0, stroefheid: 9 },
};
const LINE = "Eén ervaringsdeskundige deed mee; haar of zijn scores tellen mee in de groep en worden niet apart getoond.";

/** Every object anywhere in `value` (depth first). */
function* objects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) yield* objects(v);
  else if (value && typeof value === "object") {
    yield value as Record<string, unknown>;
    for (const v of Object.values(value)) yield* objects(v);
  }
}

/** What the results say, checked the way a curious participant would read them. */
function assertNothingGivesEsraAway(results: RevealResults) {
  const wire = JSON.stringify(results);
  // No rater carries a role, and no mean per role exists.
  for (const o of objects(results)) {
    if ("value" in o || "scores" in o) expect(o.role ?? null, JSON.stringify(o)).toBeNull();
  }
  expect(wire).not.toMatch(/"role":"(ervarings|arbeids)deskundige"/);
  expect(wire).not.toMatch(/deskundigeMean/);
  expect(results.rolesShown).toBe(false);
  expect(results.finals).toEqual([]);
  // No names or pseudonyms beside a score.
  for (const name of Object.keys(FINALS)) expect(wire).not.toContain(name);
  expect(wire).not.toMatch(/Beoordelaar \d/);
  for (const id of ELEMENT_IDS) {
    const e = results.elements.find((x) => x.elementId === id)!;
    expect(e.roles).toBeNull();
    expect(e.gap).toBeNull();
    // The group mean is there, and no number in the element's numbers is the ADs' own mean
    // (from which n·group − 3·AD gives Esra's score).
    const adMean = (FINALS.Anna[id] + FINALS.Bram[id] + FINALS.Chantal[id]) / 3;
    const groupMean = (adMean * 3 + FINALS.Esra[id]) / 4;
    expect(e.summary!.mean).toBeCloseTo(groupMean, 10);
    const numbers = [...objects(e)].flatMap((o) => Object.values(o)).filter((v): v is number => typeof v === "number");
    expect(numbers.some((x) => Math.abs(x - adMean) < 1e-9), `${id}: het AD-gemiddelde ${adMean} staat erin`).toBe(false);
    // The dots: her score is one of them, without a role, lowest first.
    expect(e.scores.map((s) => s.value)).toEqual([FINALS.Anna[id], FINALS.Bram[id], FINALS.Chantal[id], FINALS.Esra[id]].sort((a, b) => a - b));
    expect(e.gapNote).toBe(LINE);
  }
  expect(results.privacyNote).toBe(LINE);
}

describe("one ervaringsdeskundige and three ADs, names shown, roles apart", () => {
  let created: CreatedSession;
  let host: { socket: TestSocket };
  const raters: Rater[] = [];
  let shared: RevealResults;

  it("rate and reveal; every rater's socket gets results that do not give the ervaringsdeskundige away", async () => {
    created = await createSession(server.url, { nameDisplay: "namen", separateRoles: true });
    host = await joinHost(server.url, created);
    for (const name of ["Anna", "Bram", "Chantal"]) raters.push(await joinAs(server.url, created.code, name, "arbeidsdeskundige"));
    raters.push(await joinAs(server.url, created.code, "Esra", "ervaringsdeskundige"));
    for (const phase of ["briefing", "live", "final"] as const) await must(host.socket, "session:phase", { phase });
    for (const r of raters) await must(r.socket, "rating:final", { scores: FINALS[r.name], observed: [] });

    const received = Promise.all(raters.map((r) => next(r.socket, "session:results")));
    const tips = next(raters[0].socket, "session:tips");
    const hostResults = next(host.socket, "session:results");
    await must(host.socket, "session:phase", { phase: "reveal" });
    const all = (await received) as RevealResults[];
    shared = (await hostResults) as RevealResults;
    for (const results of all) {
      expect(results).toEqual(shared);
      assertNothingGivesEsraAway(results);
    }
    // The tips' reasons read the same results: no role comparison in them.
    expect(JSON.stringify(await tips)).not.toMatch(/ervaringsdeskundigen (scoren|gemiddeld|zagen)/);
  });

  it("a rater who comes back gets the same results, and her own final from the snapshot", async () => {
    const esra = raters[3];
    esra.socket.close();
    const socket = await connect(server.url);
    const results = next(socket, "session:results");
    const data = await must(socket, "session:join", { code: created.code, resumeToken: esra.resumeToken });
    expect(data.state.you.final?.scores).toEqual(FINALS.Esra);
    const again = (await results) as RevealResults;
    assertNothingGivesEsraAway(again);
    expect(again).toEqual(shared);
    socket.close();
  });

  it("the host's results over HTTP and the report's JSON hold the same protected results", async () => {
    const res = await api(server.url, `/api/sessions/${created.sessionId}/results`, { token: created.hostToken });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: RevealResults };
    assertNothingGivesEsraAway(body.results);

    const cookieRes = await api(server.url, `/api/sessions/${created.sessionId}/host-cookie`, { method: "POST", token: created.hostToken });
    expect(cookieRes.status).toBe(204);
    const cookie = (cookieRes.headers.get("set-cookie") ?? "").split(";")[0];
    for (const query of ["", "?namen=1"]) {
      const report = await fetch(`${server.url}/sessie/${created.code}/verslag.json${query}`, { headers: { Cookie: cookie } });
      expect(report.status).toBe(200);
      const json = (await report.json()) as { results: RevealResults };
      assertNothingGivesEsraAway(json.results);
    }
  });

  afterAll(() => {
    for (const r of raters) r.socket.close();
    host?.socket.close();
  });
});
