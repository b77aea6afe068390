// The rater's page must stay light on a phone: what a first visit downloads in JavaScript (entry +
// root + the route and its static imports, each file once, gzip as our compression sends it), read
// from the Remix manifest of the production build that `npm test` makes first. Later-phase forms
// and the reveal's charts load on demand and do not count (docs/decisions/010-public-links.md).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RATER_JS_BUDGET, routeJavaScript } from "../../bench/lib/route-js";

describe("JavaScript on a phone's first load (gzip)", () => {
  it(`the rater's pages (/doe-mee and /sessie/:code) stay within ${RATER_JS_BUDGET / 1024} KB`, async () => {
    const routes = await routeJavaScript(path.resolve("build"));
    for (const route of ["doe-mee", "sessie.$code"]) {
      const found = routes.find((r) => r.route === route);
      expect(found, `route ${route} in the build`).toBeDefined();
      // Sanity: React and Remix alone are well over 50 KB, so an empty measurement cannot pass.
      expect(found!.gzipBytes, route).toBeGreaterThan(50 * 1024);
      expect(found!.gzipBytes, `${route}: ${(found!.gzipBytes / 1024).toFixed(1)} KB`).toBeLessThanOrEqual(RATER_JS_BUDGET);
    }
  });
});
