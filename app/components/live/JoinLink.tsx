// The join link for other devices, large enough for the back of the room: the URL, "Kopieer" (also
// on plain http, where the browser has no clipboard API: then the text is selected and we say so),
// the QR of exactly that URL, a hint when phones must reach this laptop over the room's network,
// and the laptop's other addresses to choose from when the first does not work.
import { useEffect, useId, useRef, useState } from "react";
import { lanHint } from "../../core/public-links";
import { COPY_STATUS, copyOrSelect } from "../copy";

export interface JoinLinkProps {
  /** The absolute link phones open (joinLinks() in room-content.server.ts). */
  joinUrl: string;
  /** The QR of joinUrl drawn on the server; without it the browser draws it. */
  qr?: string | null;
  /** The same link on this laptop's other network addresses. */
  alternatives?: string[];
  /** Pixel size of the QR image. */
  qrSize?: number;
}


export function JoinLink({ joinUrl, qr = null, alternatives = [], qrSize = 260 }: JoinLinkProps) {
  const id = useId();
  const [chosen, setChosen] = useState(joinUrl);
  const [drawn, setDrawn] = useState<{ url: string; qr: string } | null>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "selected">("idle");
  const urlRef = useRef<HTMLParagraphElement>(null);

  // A new link from the server (another session, a reload): start from it again.
  useEffect(() => setChosen(joinUrl), [joinUrl]);
  useEffect(() => setCopy("idle"), [chosen]);

  const serverQr = chosen === joinUrl ? qr : null;
  useEffect(() => {
    if (serverQr || drawn?.url === chosen) return;
    let current = true;
    // Only loaded when needed: most evenings use the server's QR of the first address.
    void import("../../realtime/qr").then(({ qrDataUrl }) => qrDataUrl(chosen)).then((image) => {
      if (current) setDrawn({ url: chosen, qr: image });
    });
    return () => {
      current = false;
    };
  }, [chosen, serverQr, drawn]);
  const image = serverQr ?? (drawn?.url === chosen ? drawn.qr : null);

  async function onCopy() {
    setCopy(
      await copyOrSelect(chosen, () => {
        if (urlRef.current) window.getSelection()?.selectAllChildren(urlRef.current);
      }),
    );
  }

  const hint = lanHint(chosen);
  const options = [joinUrl, ...alternatives.filter((a) => a !== joinUrl)];
  return (
    <div className="join-link">
      <p className="join-url" id={`${id}-url`} ref={urlRef}>
        {chosen}
      </p>
      <p className="join-copy">
        <button type="button" className="secondary" onClick={() => void onCopy()} aria-describedby={`${id}-url`}>
          Kopieer
        </button>{" "}
        <span role="status" className="join-copy-status">
          {copy === "idle" ? "" : COPY_STATUS[copy]}
        </span>
      </p>
      {hint ? <p className="join-hint">{hint}</p> : null}
      {image ? (
        <img className="join-qr" src={image} alt={`QR-code naar ${chosen}`} width={qrSize} height={qrSize} />
      ) : (
        <span className="join-qr join-qr-pending" aria-hidden="true" />
      )}
      {options.length > 1 ? (
        <fieldset className="join-alternatives">
          <legend>Werkt de link niet op een telefoon? Kies een ander adres van deze laptop</legend>
          {options.map((url) => (
            <label key={url} className="choice">
              <input type="radio" name={`${id}-address`} value={url} checked={chosen === url} onChange={() => setChosen(url)} /> {new URL(url).host}
            </label>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}
