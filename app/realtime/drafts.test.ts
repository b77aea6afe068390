import { describe, expect, it } from "vitest";
import { fail, ok } from "../core/protocol";
import { clearDraft, draftOutcome, readDraft, writeDraft } from "./drafts";
import { memoryStore, storageKeys } from "./storage";

const asText = (raw: unknown) => (typeof raw === "string" ? raw : null);

describe("drafts of the reflection phase", () => {
  it("keeps what was typed per session and participant until it is cleared", () => {
    const store = memoryStore();
    const mine = storageKeys.draft("reflection", "ACD234", "p1");
    const other = storageKeys.draft("reflection", "ACD234", "p2");
    expect(mine).not.toBe(other);
    expect(mine).not.toBe(storageKeys.draft("evaluation", "ACD234", "p1"));
    writeDraft(store, mine, { value: "Eerst luisteren", pending: true });
    expect(readDraft(store, mine, asText)).toEqual({ value: "Eerst luisteren", pending: true });
    expect(readDraft(store, other, asText)).toBeNull();
    clearDraft(store, mine);
    expect(readDraft(store, mine, asText)).toBeNull();
  });

  it("treats a damaged or foreign entry as no draft", () => {
    const store = memoryStore();
    store.set("k1", "{not json");
    store.set("k2", JSON.stringify({ value: 42, pending: true }));
    expect(readDraft(store, "k1", asText)).toBeNull();
    expect(readDraft(store, "k2", asText)).toBeNull();
  });

  it("forgets a draft on an ack, retries on a passing problem, stops on a refusal", () => {
    expect(draftOutcome(ok({ submittedAt: 1 }))).toBe("stored");
    for (const code of ["internal", "storage_failed", "rate_limited", "unauthorized"] as const) expect(draftOutcome(fail(code))).toBe("retry");
    for (const code of ["invalid_payload", "wrong_phase", "session_closed", "forbidden", "payload_too_large"] as const) {
      expect(draftOutcome(fail(code))).toBe("refused");
    }
  });
});
