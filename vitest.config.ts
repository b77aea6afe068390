import { defineConfig } from "vitest/config";

// Kept apart from vite.config.ts: tests do not need the Remix plugin.
export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    include: ["app/**/*.test.ts", "server/**/*.test.ts", "tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    // expect.poll waits for a condition; its 1 s default is a timing bet that two busy cores lose
    // (a clock that must pass 0:01, a broadcast through a loaded server). Wait longer, never sleep.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    // Integration and browser tests each start real servers; two cores, so keep the pool small.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ["default"],
  },
});
