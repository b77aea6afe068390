// The join code, the address and the QR code: big on the projector's lobby, and on the host's.
import { formatJoinCode } from "~/core/join-code";

/** `url: false` leaves the address out, for a screen that shows it with its own tools (JoinLink). */
export function JoinPanel({ code, joinUrl, qr, qrSize = 260, url = true }: { code: string; joinUrl: string; qr: string | null; qrSize?: number; url?: boolean }) {
  return (
    <div className="join-panel card">
      <p className="join-label">Doe mee op je telefoon</p>
      <p className="join-code" aria-label={`Code: ${[...code].join(" ")}`}>
        {formatJoinCode(code)}
      </p>
      {url ? <p className="join-url">{joinUrl.replace(/^https?:\/\//, "")}</p> : null}
      {qr ? <img className="join-qr" src={qr} alt={`QR-code naar ${joinUrl}`} width={qrSize} height={qrSize} /> : null}
    </div>
  );
}
