// What "Mijn spiegel" keeps in this browser, and its calls to the JSON API (docs/protocol.md).
// The key lives in localStorage (like the werkblad of Mijn voortgang) and travels only as a Bearer
// header. The labels an AD gives gesprekken live here too and are never sent anywhere.
import { z } from "zod";
import { type GesprekCreated, gesprekCreatedSchema, type MirrorRead, mirrorReadSchema, type Scores } from "~/core/spiegel";
import { SPIEGEL_KEY } from "~/core/spiegel-key";

const KEY_ITEM = "ak-spiegel";
const GESPREKKEN_ITEM = "ak-spiegel-gesprekken";

const savedKeySchema = z.object({ spiegelId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/), key: z.string().regex(SPIEGEL_KEY) });
export type SavedKey = z.infer<typeof savedKeySchema>;

/** A gesprek as this device remembers it: the label stays here, the server never sees it. */
const localGesprekSchema = z.object({
  gesprekId: z.string(),
  clientUrl: z.string(),
  code: z.string(),
  expiresAt: z.string(),
  registeredAt: z.string(),
  label: z.string().max(200),
});
export type LocalGesprek = z.infer<typeof localGesprekSchema>;

function readItem<T>(name: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(localStorage.getItem(name) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const savedKey = () => readItem(KEY_ITEM, savedKeySchema);
export const saveKey = (k: SavedKey) => localStorage.setItem(KEY_ITEM, JSON.stringify(k));

export function localGesprekken(): LocalGesprek[] {
  return readItem(GESPREKKEN_ITEM, z.array(localGesprekSchema)) ?? [];
}
export function rememberGesprek(g: LocalGesprek): void {
  localStorage.setItem(GESPREKKEN_ITEM, JSON.stringify([...localGesprekken().filter((x) => x.gesprekId !== g.gesprekId), g]));
}

/** "Vergeet op dit apparaat": the key and the labels go; the mirror on the server stays. */
export function forgetDevice(): void {
  localStorage.removeItem(KEY_ITEM);
  localStorage.removeItem(GESPREKKEN_ITEM);
}

/** The link that opens the mirror on another device: the key after "#", so it never reaches a server log. */
export const keyLink = (origin: string, key: string) => `${origin}/spiegel#sleutel=${key}`;

/** The key in this page's address (#sleutel=…), if any. */
export function keyFromFragment(hash: string): string | null {
  const match = /^#sleutel=([A-Za-z0-9_-]{20})$/.exec(hash);
  return match ? match[1] : null;
}

export class SpiegelApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const errorSchema = z.object({ error: z.object({ message: z.string() }) });

async function call<T>(path: string, init: RequestInit, key: string | null, schema: z.ZodType<T> | null): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(init.body ? { "Content-Type": "application/json" } : {}) } });
  } catch {
    throw new SpiegelApiError("De server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.", 0);
  }
  if (!res.ok) {
    const body = errorSchema.safeParse(await res.json().catch(() => null));
    throw new SpiegelApiError(body.success ? body.data.error.message : "Dat lukte niet. Probeer het zo opnieuw.", res.status);
  }
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new SpiegelApiError("De server gaf een antwoord dat we niet begrijpen. Probeer het zo opnieuw.", res.status);
  return parsed.data;
}

export const spiegelApi = {
  create: () => call("/api/spiegel", { method: "POST" }, null, savedKeySchema),
  find: (key: string) => call("/api/spiegel", { method: "GET" }, key, z.object({ spiegelId: z.string() })),
  read: (k: SavedKey): Promise<MirrorRead> => call(`/api/spiegel/${k.spiegelId}`, { method: "GET" }, k.key, mirrorReadSchema),
  register: (k: SavedKey, own: Scores): Promise<GesprekCreated> =>
    call(`/api/spiegel/${k.spiegelId}/gesprekken`, { method: "POST", body: JSON.stringify({ own }) }, k.key, gesprekCreatedSchema),
  remove: (k: SavedKey) => call(`/api/spiegel/${k.spiegelId}`, { method: "DELETE" }, k.key, null),
};
