// Tokens (the host's, a rater's resume token) are stored only as their hash.
import { createHash } from "node:crypto";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
