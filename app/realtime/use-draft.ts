// A form value that is kept in this browser until the server acks it (app/realtime/drafts.ts):
// every change is saved at once; a submit marks it pending; an ack forgets it; a refusal keeps the
// text and says why; a pending draft is sent again when the connection comes back.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Ack, AppError } from "../core/protocol";
import { clearDraft, draftOutcome, readDraft, writeDraft } from "./drafts";
import { browserStore } from "./storage";

/** JSON with sorted keys: the same answers typed in another order are the same draft. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export interface DraftState<T> {
  value: T;
  setValue: (update: (current: T) => T) => void;
  /** Back to `value` (the stored copy), forgetting the draft: "cancel". */
  discard: (value: T) => void;
  /** Sends `value` (or the current value); resolves true when the server stored it. */
  submit: (value?: T) => Promise<boolean>;
  sending: boolean;
  /** The last refusal, in Dutch, until the next change or submit. */
  error: AppError | null;
  /** The page opened with text that the server had not stored yet. */
  restored: boolean;
}

export function useDraft<T>({
  storageKey,
  initial,
  parse,
  send,
  online,
}: {
  storageKey: string;
  /** The value to start from when there is no draft (the server's copy, or empty). */
  initial: () => T;
  parse: (raw: unknown) => T | null;
  send: (value: T) => Promise<Ack<unknown>>;
  /** Joined and connected: a pending draft goes out again when this turns true. */
  online: boolean;
}): DraftState<T> {
  const [store] = useState(browserStore);
  const [start] = useState(() => readDraft(store, storageKey, parse));
  const [value, setValueState] = useState<T>(() => start?.value ?? initial());
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const pending = useRef(start?.pending ?? false);
  const latest = useRef(value);
  const inFlight = useRef(false);
  const sendRef = useRef(send);
  sendRef.current = send;

  const setValue = useCallback(
    (update: (current: T) => T) => {
      const next = update(latest.current);
      latest.current = next;
      setValueState(next);
      setError(null);
      writeDraft(store, storageKey, { value: next, pending: false });
      pending.current = false;
    },
    [store, storageKey],
  );

  const discard = useCallback(
    (value: T) => {
      latest.current = value;
      setValueState(value);
      setError(null);
      clearDraft(store, storageKey);
      pending.current = false;
    },
    [store, storageKey],
  );

  const submit = useCallback(
    async (explicit?: T): Promise<boolean> => {
      if (inFlight.current) return false;
      const sent = explicit ?? latest.current;
      inFlight.current = true;
      pending.current = true;
      writeDraft(store, storageKey, { value: sent, pending: true });
      setSending(true);
      setError(null);
      try {
        const ack = await sendRef.current(sent);
        const outcome = draftOutcome(ack);
        // Typed on while it was on its way: keep the newer text as a draft.
        const changed = stableJson(latest.current) !== stableJson(sent);
        if (outcome === "stored") {
          if (changed) writeDraft(store, storageKey, { value: latest.current, pending: false });
          else clearDraft(store, storageKey);
          pending.current = false;
          return true;
        }
        if (outcome === "refused") {
          pending.current = false;
          writeDraft(store, storageKey, { value: latest.current, pending: false });
        }
        if (!ack.ok) setError(ack.error);
        return false;
      } finally {
        inFlight.current = false;
        setSending(false);
      }
    },
    [store, storageKey],
  );

  // Back online with something that was sent but never acked: send it again.
  useEffect(() => {
    if (online && pending.current && !inFlight.current) void submit();
  }, [online, submit]);

  return { value, setValue, discard, submit, sending, error, restored: start !== null };
}
