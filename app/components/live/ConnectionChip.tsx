// A small chip while the connection is away. Polite: it must not interrupt someone rating.
import type { LiveStatus } from "../../realtime/live-client";

export function ConnectionChip({ status }: { status: LiveStatus }) {
  const text =
    status === "offline" ? "Verbinding herstellen…" : status === "connecting" ? "Verbinden…" : null;
  return (
    <p className={`connection-chip${text ? " visible" : ""}`} role="status" aria-live="polite">
      {text ? (
        <>
          <span className="connection-dot" aria-hidden="true" /> {text}
        </>
      ) : null}
    </p>
  );
}
