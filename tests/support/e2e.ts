// One real server and one Chromium for a browser test file: started before its tests, and closed
// after them together with every context `newPage` opened, so a failing test leaves nothing running.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { startTestServer, type TestServerOptions } from "./server";

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

export interface BrowserAndServer {
  /** The running server; there once the file's beforeAll hooks have run. */
  readonly server: TestServer;
  readonly browser: Browser;
  /**
   * A page in a context of its own (its own cookies and storage, like another person's device).
   * `prepare` runs on the context before the page opens: bindings and init scripts only reach
   * pages made after them. Each step waits 10 s at most, so a hang fails at the step that hangs.
   */
  newPage(options?: BrowserContextOptions, prepare?: (context: BrowserContext) => Promise<void>): Promise<Page>;
}

/** Registers the file's beforeAll/afterAll hooks; call it at the top level of the test file. */
export function browserAndServer(options: TestServerOptions & { browserArgs?: string[] } = {}): BrowserAndServer {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer(options);
    browser = await launchBrowser(options.browserArgs);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The test ${what} is not running yet: use it in a test or hook, not at load time.`);
    return value;
  };

  return {
    get server() {
      return started(server, "server");
    },
    get browser() {
      return started(browser, "browser");
    },
    async newPage(contextOptions = {}, prepare) {
      const context = await started(browser, "browser").newContext(contextOptions);
      contexts.push(context);
      await prepare?.(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      return page;
    },
  };
}

/**
 * A link meant for phones (its origin may be this machine's LAN address or PUBLIC_URL) as the same
 * path on the test server: tests only ever send traffic to loopback.
 */
export function onTestServer(link: string, server: { url: string }): string {
  const { pathname, search } = new URL(link);
  return `${server.url}${pathname}${search}`;
}
