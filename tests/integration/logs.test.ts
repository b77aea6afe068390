// The server's log as an operator reads it: one JSON object per line, and nothing in it that
// identifies a participant — no names, no texts they wrote, no tokens, no join codes in URLs, no
// addresses they connect from.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChildServer, spawnServer } from "../support/server";
import { connect, createSession, joinHost, must, samples } from "./live-helpers";

describe("the server's log", () => {
  let child: ChildServer;
  beforeAll(async () => {
    child = await spawnServer();
  });
  afterAll(async () => {
    if (child.process.exitCode === null) await child.stop();
  });

  it("is one JSON object per line with time, level and message, and names nobody", async () => {
    const created = await createSession(child.url, { title: "OT-groep Vlaardingen" });
    const host = await joinHost(child.url, created);
    await must(host.socket, "session:phase", { phase: "briefing" });
    await must(host.socket, "session:phase", { phase: "live" });
    // A rater from an address of their own, with a name and a note that must stay out of the log.
    const socket = await connect(child.url, { localAddress: "127.0.0.5" });
    const joined = (await must(socket, "session:join", { code: created.code, name: "Wilhelmina Zandbergen", role: "arbeidsdeskundige" })) as {
      resumeToken: string;
    };
    await must(socket, "rating:samples", { samples: samples(1, 10) });
    await must(socket, "moment:mark", { seq: 1, t: 2, element: "binding", note: "Zandbergen luisterde goed" });
    // Requests that end up in the log: pages that do not exist, with a code and a token in the path and query.
    expect((await fetch(`${child.url}/sessie/${created.code}/bestaat-niet?token=${joined.resumeToken}`, { headers: { "x-forwarded-for": "203.0.113.9" } })).status).toBe(404);
    expect((await fetch(`${child.url}/s/${joined.resumeToken}`)).status).toBe(404);
    // A socket event that fails validation is refused, not logged with its input.
    await must(socket, "rating:samples", { samples: samples(11, 12) });
    socket.close();
    host.socket.close();

    const stopped = await child.stop();
    expect(stopped).toBe(0);
    const lines = child.output().split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(typeof entry.time, line).toBe("string");
      expect(["info", "warn", "error"], line).toContain(entry.level);
      expect(typeof entry.msg, line).toBe("string");
    }
    const all = child.output();
    expect(all).toContain('"msg":"GET /sessie/:…/bestaat-niet 404"');
    expect(all).toContain("SIGTERM ontvangen");
    for (const secret of ["Wilhelmina", "Zandbergen", "Vlaardingen", created.code, created.hostToken, joined.resumeToken, "127.0.0.5", "203.0.113.9"]) {
      expect(all, secret).not.toContain(secret);
    }
  });
});
