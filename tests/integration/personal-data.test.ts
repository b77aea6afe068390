// A BSN is never stored from the live room: every free text (a final rating's note, a moment's
// note, the learning point) that holds one is refused over the socket with a Dutch message, and
// nothing changes. A real server and real socket.io clients.
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer } from "../support/server";
import { call, joinAs, must, type Rater, startLive } from "./live-helpers";

describe("a BSN in the live room", () => {
  let close: (() => Promise<void>) | undefined;
  const sockets: Rater[] = [];
  afterAll(async () => {
    for (const r of sockets) r.socket.close();
    await close?.();
  });

  it("is refused in every free text, with a Dutch message, and nothing is stored", async () => {
    const server = await startTestServer();
    close = server.close;
    const { created, host } = await startLive(server.url);
    const rater = await joinAs(server.url, created.code, "Anna", "arbeidsdeskundige");
    sockets.push(rater);

    const moment = await call(rater.socket, "moment:mark", { seq: 1, t: 3, element: "binding", note: "BSN 111222333" });
    expect(moment).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(moment.ok ? "" : moment.error.message).toContain("Dat bewaren we nooit");

    await must(host.socket, "session:phase", { phase: "final" });
    const scores = { vertrouwen: 5, "richting-kader": 6, binding: 7, stroefheid: 2 };
    const final = await call(rater.socket, "rating:final", { scores, observed: [], notes: { binding: "zijn bsn is 111.222.333" } });
    expect(final).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    // The same without the number is fine: only the BSN was the problem.
    await must(rater.socket, "rating:final", { scores, observed: [], notes: { binding: "Goed samengevat." } });

    for (const phase of ["reveal", "discussion", "reflection"]) await must(host.socket, "session:phase", { phase });
    const reflection = await call(rater.socket, "reflection:submit", { learningPoint: "Noteer nooit 111222333", action: "Doorvragen." });
    expect(reflection).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(reflection.ok ? "" : reflection.error.message).toContain("burgerservicenummer");

    // Nothing of it was stored: back in the seat, no moment, the clean final note and no reflection.
    const resumed = await must(rater.socket, "session:join", { code: created.code, resumeToken: rater.resumeToken });
    const you = (resumed as { state: { you: { moments: unknown[]; final: { notes?: Record<string, string> } | null; reflection: unknown } } }).state.you;
    expect(you.moments).toEqual([]);
    expect(you.final?.notes).toEqual({ binding: "Goed samengevat." });
    expect(you.reflection ?? null).toBeNull();
    host.socket.close();
  });
});
