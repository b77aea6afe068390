// The OT methods in content/methods (issue 10): the four templates load, their rounds follow the
// session's phases, instructions fit the projector's band, and only the eigen casus is an own case.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadContent } from "./content.server";
import { describeIssues, methodSchema } from "./core/content-schema";
import { PHASES } from "./core/protocol";

const CONTENT = path.resolve(__dirname, "../content");
const content = loadContent(CONTENT);
const raw = (id: string) => parse(readFileSync(path.join(CONTENT, "methods", `${id}.yaml`), "utf8"));
const problems = (data: unknown) => {
  const result = methodSchema.safeParse(data);
  return result.success ? "" : describeIssues("incidentmethode.yaml", result.error);
};

describe("OT methods", () => {
  it("has the four templates, in order, each with rounds beside the phases", () => {
    expect(content.methods.map((m) => m.id)).toEqual(["incidentmethode", "balint", "roddelmethode", "eigen-casus"]);
    for (const m of content.methods) {
      const phases = m.rounds.map((r) => PHASES.indexOf(r.phase));
      expect(phases, m.id).toEqual([...phases].sort((a, b) => a - b));
      // Every method walks the live room from the lobby to the reflection, with a round for the reveal.
      for (const phase of ["lobby", "live", "reveal", "reflection"] as const) expect(m.rounds.some((r) => r.phase === phase), `${m.id} ${phase}`).toBe(true);
    }
    expect(content.methods.filter((m) => m.ownCase).map((m) => m.id)).toEqual(["eigen-casus"]);
    expect(content.methods.find((m) => m.id === "eigen-casus")?.ownCase?.clientQuestion).toBe("Hoe beleefde de cliënt dit?");
  });

  it("refuses an instruction too long for the band, a round out of phase order and a repeated round id, naming the field", () => {
    const long = raw("incidentmethode");
    long.rounds[0].instruction = "Meld je aan. ".repeat(12);
    expect(problems(long)).toMatch(/rounds\.0\.instruction: past niet in de band/);
    const order = raw("incidentmethode");
    order.rounds[1].phase = "reflection";
    expect(problems(order)).toMatch(/rounds\.2\.phase: de rondes volgen de fasen/);
    const twice = raw("incidentmethode");
    twice.rounds[1].id = "opening";
    expect(problems(twice)).toMatch(/rounds\.1\.id: "opening" komt twee keer voor/);
    expect(problems(raw("incidentmethode"))).toBe("");
  });
});
