import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import { fsyncDir } from "./store/group-commit";
import { StoreError } from "./store/json-doc";

/**
 * The cookie secret: from the environment, or made once and kept in the data folder. A kept secret
 * that is damaged stops the start: a new one would silently lock everyone out of their profile.
 */
export function cookieSecret(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, "cookie-secret");
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32 && !/\p{Cc}/u.test(secret)) return secret;
    throw new StoreError(file, `het cookiegeheim is beschadigd (leeg, te kort of met stuurtekens; minstens 32 gewone tekens nodig); zonder dit geheim zijn de bewaarde profielen niet meer te openen`);
  }
  const secret = randomBytes(32).toString("base64url");
  // Written whole or not at all (temp file, fsync, rename), so a crash cannot leave half a secret.
  const temp = `${file}.tmp`;
  const fd = openSync(temp, "w", 0o600);
  try {
    writeSync(fd, secret);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  fsyncDir(dataDir);
  return secret;
}
