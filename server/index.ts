// Entry point: `npm start` (production build) and `npm run dev` (Vite middleware).
import { ContentError } from "../app/content.server";
import { parseEnv } from "./env";
import { startMetrics } from "./metrics";
import { phoneAddressLines } from "./links";
import { readNetwork } from "./network";
import { startServer } from "./server";
import { createLog, logFormat, routeConsole } from "./log";
import { DataDirLockedError } from "./store/data-dir";
import { StoreError } from "./store/json-doc";

async function main() {
  const log = createLog({ format: logFormat(process.env.LOG_FORMAT, process.stdout.isTTY), level: process.env.LOG_LEVEL });
  routeConsole(log);
  const env = parseEnv();
  let server;
  try {
    server = await startServer(env);
  } catch (error) {
    if (error instanceof ContentError || error instanceof StoreError || error instanceof DataDirLockedError) {
      log.error(`Alliantiekompas start niet. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // `kill -USR2 <pid>`: event-loop delay and log commits since the last time, as one line.
  const metrics = startMetrics(undefined, { loadedRooms: server.loadedRooms });
  process.on("SIGUSR2", () => log.info({ metrics: metrics.take() }, "metrics"));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} ontvangen: gegevens wegschrijven en afsluiten…`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      await server.close();
    } catch (error) {
      // Say which files, and exit non-zero so a supervisor (systemd) records a failed stop.
      log.error(`Afsluiten mislukt. ${(error as Error).message}`);
      process.exit(1);
    }
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  // Announced only now: a SIGTERM that follows this line must find the handler above, not the
  // default action (which would end the process without closing the store).
  log.info(`Alliantiekompas luistert op http://localhost:${server.port} (data: ${env.dataDir})`);
  for (const line of phoneAddressLines({ publicUrl: env.PUBLIC_URL ?? null, host: env.HOST, port: server.port, network: readNetwork() })) log.info(line);
}

void main();
