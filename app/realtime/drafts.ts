// What a participant types in the reflection phase (learning point, action, evaluation) stays in
// this browser until the server has acked it, so a reload, a locked phone or a lost connection
// loses nothing. Unlike ratings these are not queued in the outbox: the latest text counts, the
// person sees whether it was stored, and a refusal needs their eyes (docs/decisions/008-reveal-in-the-room.md).
import type { Ack, ErrorCode } from "../core/protocol";
import type { KeyValueStore } from "./storage";

export interface Draft<T> {
  value: T;
  /** Sent (or about to be) and not acked yet: send again when the connection is back. */
  pending: boolean;
}

/** The draft under `key`, or null when there is none or it cannot be read as a T. */
export function readDraft<T>(store: KeyValueStore, key: string, parse: (raw: unknown) => T | null): Draft<T> | null {
  const raw = store.get(key);
  if (!raw) return null;
  try {
    const data = JSON.parse(raw) as { value?: unknown; pending?: unknown };
    const value = parse(data?.value);
    return value === null ? null : { value, pending: data.pending === true };
  } catch {
    // A damaged entry is as good as none.
    return null;
  }
}

export function writeDraft<T>(store: KeyValueStore, key: string, draft: Draft<T>): void {
  store.set(key, JSON.stringify(draft));
}

export function clearDraft(store: KeyValueStore, key: string): void {
  store.remove(key);
}

/** Answers after which sending the same text later may well work. */
const RETRY: readonly ErrorCode[] = ["rate_limited", "storage_failed", "internal", "unauthorized"];

/**
 * What an answer means for a draft: "stored" (forget the draft), "retry" (keep it pending and send
 * it again when the connection is back) or "refused" (keep the text, stop sending, show why).
 */
export function draftOutcome(ack: Ack<unknown>): "stored" | "retry" | "refused" {
  if (ack.ok) return "stored";
  return RETRY.includes(ack.error.code) ? "retry" : "refused";
}
