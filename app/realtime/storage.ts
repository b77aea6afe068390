// The browser's localStorage, behind a small interface so that the outbox and the client can be
// tested without a browser, and so that a full or blocked storage (private mode, quota) never
// breaks the room: it falls back to memory for this page's life.

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => void map.set(key, value),
    remove: (key) => void map.delete(key),
  };
}

/** localStorage when it works, memory otherwise. Only call in the browser. */
export function browserStore(): KeyValueStore {
  const fallback = memoryStore();
  const ls = (() => {
    try {
      const s = window.localStorage;
      const probe = "ak:probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch {
      return null;
    }
  })();
  if (!ls) return fallback;
  return {
    get(key) {
      try {
        return ls.getItem(key) ?? fallback.get(key);
      } catch {
        return fallback.get(key);
      }
    },
    set(key, value) {
      try {
        ls.setItem(key, value);
        fallback.remove(key);
      } catch {
        // Quota exceeded: keep it for this page at least.
        fallback.set(key, value);
      }
    },
    remove(key) {
      fallback.remove(key);
      try {
        ls.removeItem(key);
      } catch {
        /* nothing to do */
      }
    },
  };
}

/** The keys this app keeps per session code. */
export const storageKeys = {
  hostToken: (code: string) => `ak:host:${code}`,
  seat: (code: string) => `ak:seat:${code}`,
  outbox: (code: string, participantId: string) => `ak:outbox:${code}:${participantId}`,
  /** What a participant typed in the reflection phase and the server has not acked yet. */
  draft: (kind: DraftKind, code: string, participantId: string) => `ak:draft:${kind}:${code}:${participantId}`,
};

export type DraftKind = "reflection" | "evaluation";

export interface Seat {
  participantId: string;
  resumeToken: string;
}

export function readSeat(store: KeyValueStore, code: string): Seat | null {
  const raw = store.get(storageKeys.seat(code));
  if (!raw) return null;
  try {
    const seat = JSON.parse(raw) as Partial<Seat>;
    if (typeof seat.participantId === "string" && typeof seat.resumeToken === "string") {
      return { participantId: seat.participantId, resumeToken: seat.resumeToken };
    }
  } catch {
    /* a damaged entry is as good as none */
  }
  return null;
}

export function writeSeat(store: KeyValueStore, code: string, seat: Seat): void {
  store.set(storageKeys.seat(code), JSON.stringify(seat));
}
