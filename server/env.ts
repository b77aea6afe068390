// Environment, parsed once at boot. Every setting has a safe default so `npm start` just works.
import path from "node:path";
import { z } from "zod";
import { describeIssue } from "../app/core/zod-errors";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("data"),
  CONTENT_DIR: z.string().default("content"),
  /** Secret for signing cookies; when unset, one is made once and kept in the data folder. */
  COOKIE_SECRET: z.string().min(32).optional(),
  /** Days after which sessions are purged. */
  RETENTION_DAYS: z.coerce.number().min(0).default(30),
  /** Minutes after which a session nobody uses (no socket, no request) is dropped from memory; it is
   * read from disk again on its next use (docs/decisions/028). A closed or revealed one goes sooner. */
  IDLE_UNLOAD_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
  /** How many backups `npm run backup` keeps in its folder (the newest; older ones are removed). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(14),
  /** Comma-separated extra origins allowed to open a socket (besides the page's own host). */
  ALLOWED_ORIGINS: z.string().default(""),
  /** Set to 1 behind a reverse proxy so rate limits see the client's address. */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /** The address people use (e.g. behind a proxy): join links and their QR start with it. An http(s)
   * origin; a path is not needed and is dropped. Empty means unset. */
  PUBLIC_URL: z
    .string()
    .trim()
    .transform((v) => v || undefined)
    .pipe(
      z
        .url({ protocol: /^https?$/, error: "moet een http(s)-adres zijn, bijvoorbeeld https://oefenen.example.nl" })
        .transform((v) => new URL(v).origin)
        .optional(),
    )
    .optional(),
  /** The organisation responsible for client feedback ("Mijn spiegel"); set with PUBLIC_URL to switch it on. */
  CLIENT_FEEDBACK_CONTROLLER: z.string().trim().min(2).max(200).optional(),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string; contentDir: string };

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${describeIssue(i)}`).join("\n");
    throw new Error(`Ongeldige omgevingsvariabelen:\n${lines}`);
  }
  return {
    ...result.data,
    dataDir: path.resolve(result.data.DATA_DIR),
    contentDir: path.resolve(result.data.CONTENT_DIR),
  };
}
