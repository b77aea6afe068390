import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ContentError } from "./content.server";
import { loadTipRules } from "./tip-rules.server";

const CONTENT = new URL("../content", import.meta.url).pathname;
const SHIPPED = readFileSync(path.join(CONTENT, "tip-rules.yaml"), "utf8");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "tip-rules-"));
  copyFileSync(path.join(CONTENT, "elements.yaml"), path.join(dir, "elements.yaml"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function loadWith(yaml: string): () => unknown {
  writeFileSync(path.join(dir, "tip-rules.yaml"), yaml);
  return () => loadTipRules(dir);
}

function errorOf(fn: () => unknown): ContentError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error("geen ContentError");
}

describe("loadTipRules", () => {
  it("loads the shipped rules", () => {
    const rules = loadTipRules(CONTENT);
    expect(rules.map((r) => r.id)).toContain("stroef-zonder-binding");
    expect(loadWith(SHIPPED)()).toEqual(rules);
  });

  it("rejects a broken threshold, naming the file and the field", () => {
    const error = errorOf(loadWith(SHIPPED.replace("minGap: 2", "minGap: twee")));
    const file = path.join(dir, "tip-rules.yaml");
    expect(error.message).toMatch(new RegExp(`^${file}: rules\\.5\\.minGap: `));
  });

  it("rejects an unknown variable in a template", () => {
    const error = errorOf(loadWith(SHIPPED.replace("{binding.mean} (tot en met", "{binding.gemiddelde} (tot en met")));
    expect(error.message).toContain("tip-rules.yaml: rules.0.why: onbekende variabele {binding.gemiddelde}");
  });

  it("rejects a behaviour that does not exist, or does not belong to the rule's elements", () => {
    expect(errorOf(loadWith(SHIPPED.replace("[doel-vervolg-rol, iemand-meenemen,", "[doel-vervolg-rollen, iemand-meenemen,"))).message).toContain(
      'tip-rules.yaml: rules.6.behaviours.0: onbekend gedrag "doel-vervolg-rollen"',
    );
    expect(errorOf(loadWith(SHIPPED.replace("behaviours: [gesprek-evalueren, samen-beslissen]", "behaviours: [gesprek-evalueren, veilige-sfeer]"))).message).toContain(
      'tip-rules.yaml: rules.9.behaviours.1: "veilige-sfeer" hoort bij vertrouwen',
    );
  });

  it("rejects a missing file and a file that is not YAML", () => {
    expect(errorOf(() => loadTipRules(dir)).message).toContain("tip-rules.yaml: (bestand): ontbreekt");
    expect(errorOf(loadWith("rules: [\n  - id: x\n")).message).toContain("tip-rules.yaml: (bestand): geen geldige YAML");
    expect(errorOf(loadWith("")).message).toContain("tip-rules.yaml: (bestand):");
  });
});
