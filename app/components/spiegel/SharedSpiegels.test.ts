// What the projector draws of shared mirrors, and the share code's first screen, rendered on the server.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SpiegelShareView, SpiegelSummary } from "~/core/spiegel-share-values";
import { ShareCode } from "./ShareCode";
import { SharedSpiegels } from "./SharedSpiegels";

const summary: SpiegelSummary = {
  elements: {
    vertrouwen: { own: 8, client: 6.3 },
    "richting-kader": { own: 7, client: 7 },
    binding: { own: 9, client: 5 },
    stroefheid: { own: null, client: 4.7 },
  },
  answers: 6,
  from: "2026-09",
  to: "2026-11",
};
const names = { vertrouwen: "Vertrouwen", "richting-kader": "Richting & Kader", binding: "Binding", stroefheid: "Stroefheid" };
/** Server-rendered HTML without React's markers between text pieces. */
const render = (spiegels: SpiegelShareView[]) => renderToString(createElement(SharedSpiegels, { spiegels, elementNames: names })).replace(/<!-- -->/g, "");
const view = (over: Partial<SpiegelShareView>): SpiegelShareView => ({ id: "s1", label: "Anna", status: "accepted", answers: 6, summary, own: false, ...over });

describe("SharedSpiegels", () => {
  it("draws an accepted mirror: label, count, months and both numbers per element", () => {
    const html = render([view({})]);
    expect(html).toContain("Spiegel van Anna");
    expect(html).toContain("6 antwoorden van cliënten · sep–nov 2026");
    expect(html).toContain('aria-label="Binding: eigen inschatting 9, cliënten 5"');
    expect(html).toContain('aria-label="Vertrouwen: eigen inschatting 8, cliënten 6,3"');
    // No own mean left: a dash, and no diamond on that line.
    expect(html).toContain('aria-label="Stroefheid: eigen inschatting –, cliënten 4,7"');
    expect(html).toContain("hoger = stroever");
  });

  it("draws nothing for pending mirrors, and lays out two side by side", () => {
    expect(render([view({ status: "pending", summary: null })])).toBe("");
    const two = render([view({}), view({ id: "s2", label: "Beoordelaar 2" })]);
    expect(two).toContain("spiegel-cards n2");
    expect(two).toContain("Spiegels uit de praktijk");
  });
});

describe("ShareCode", () => {
  it("explains what the group will see before a code is made", () => {
    const html = renderToString(createElement(ShareCode, { spiegelId: "abcdefghijklmnopqr", spiegelKey: "geheim" }));
    expect(html).toContain("Deelcode maken");
    expect(html).toContain("geen losse antwoorden, geen opmerkingen");
    expect(html).not.toContain("geheim");
  });
});
