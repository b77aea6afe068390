// The server's log: one line per event. On a terminal (npm start on a laptop) a plain sentence; for
// an operator (systemd, a pipe, LOG_FORMAT=json) one JSON object per line, which journald and log
// tools read as is. What goes in: the sentence, the session id where there is one, numbers. What
// never does: names, texts people wrote, tokens, join codes or links in URLs (app/core/log-path.ts),
// and addresses of participants. docs/decisions/025-backup-and-logs.md.
import { format } from "node:util";
import pino, { type DestinationStream, type Logger } from "pino";

export type Log = Logger;
export type LogFormat = "json" | "tekst";

export function logFormat(setting: string | undefined, isTTY: boolean | undefined): LogFormat {
  if (setting === "json" || setting === "tekst") return setting;
  return isTTY ? "tekst" : "json";
}

/** A plain line per entry: the message, then any extra fields as JSON (as `npm start` always printed). */
function textLines(out: NodeJS.WritableStream): DestinationStream {
  const own = new Set(["level", "time", "msg", "pid", "hostname"]);
  return {
    write(line: string) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      const extra = Object.fromEntries(Object.entries(entry).filter(([k]) => !own.has(k)));
      out.write(`${String(entry.msg ?? "")}${Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : ""}\n`);
    },
  };
}

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

export function createLog(options: { format: LogFormat; level?: string; out?: NodeJS.WritableStream }): Log {
  const level = options.level && LEVELS.has(options.level) ? options.level : "info";
  const out = options.out ?? process.stdout;
  const destination = options.format === "json" ? pino.destination({ dest: out === process.stdout ? 1 : 2, sync: true }) : textLines(out);
  return pino(
    {
      level,
      base: undefined, // no hostname or pid in every line
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/**
 * console.* in the process (Remix's page errors, a library's warning) goes through the log too, so
 * every line is one entry: a stack trace becomes one JSON string instead of twenty loose lines.
 */
export function routeConsole(log: Log): void {
  console.log = (...args: unknown[]) => log.info(format(...args));
  console.info = console.log;
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.error = (...args: unknown[]) => log.error(format(...args));
}
