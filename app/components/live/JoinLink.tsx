// The join link on the host's lobby: the link itself and a copy button. (Minimal version from
// room-stage; room-link's richer one, with LAN addresses and a fallback on plain http, replaces it.)
import { useState } from "react";

export function JoinLink({ joinUrl }: { joinUrl: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(joinUrl).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <p className="join-link">
      <a href={joinUrl}>{joinUrl}</a>{" "}
      <button type="button" className="secondary small" onClick={() => void copy()}>
        {copied ? "Gekopieerd" : "Kopieer de link"}
      </button>
      {copied === false ? <span className="hint"> Kopiëren lukte niet: selecteer de link en kopieer hem zelf.</span> : null}
    </p>
  );
}
