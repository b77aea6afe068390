// The join QR code as an SVG data URL (img-src allows data:), drawn on our own server or in the
// browser, never by a third-party service that would see the join link. One function for both, so
// the code on the host screen is the same whichever side drew it.
import QRCode from "qrcode";

export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
