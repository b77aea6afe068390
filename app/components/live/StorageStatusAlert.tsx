// What the server says about storing (storage:status), on the host screen. While the server cannot
// write (a full disk), an alert that stays; when it works again, a calm note that goes after a while.
// Both live regions are always in the page, so a screen reader announces the change.
import { useEffect, useState } from "react";
import type { StorageStatus } from "../../core/protocol";

/** How long "opslaan lukt weer" stays on the screen. */
const RESTORED_VISIBLE_MS = 20_000;

export function StorageStatusAlert({ status }: { status: StorageStatus | null }) {
  const [restoredShown, setRestoredShown] = useState(false);
  useEffect(() => {
    if (!status?.ok) return setRestoredShown(false);
    setRestoredShown(true);
    const timer = setTimeout(() => setRestoredShown(false), RESTORED_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [status]);
  const failing = status !== null && !status.ok;
  return (
    <>
      <div role="alert">
        {failing ? (
          <p className="alert error storage-status">
            <strong>Opslaan lukt niet.</strong> {status.message}
          </p>
        ) : null}
      </div>
      <div role="status">{restoredShown && status?.ok ? <p className="alert ok storage-status">{status.message}</p> : null}</div>
    </>
  );
}
