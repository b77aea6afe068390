// Server-only helpers for the live-room pages: content shaped for the browser (never the reference
// rating or the hidden persona context before the reveal) and the join QR code, drawn here so no
// third-party service ever sees a join link.
import QRCode from "qrcode";
import type { Content } from "../content.server";
import type { HostCasus, RoomCasus, RoomElement, RoomTranscript } from "./room-content";

export function roomElements(content: Content): RoomElement[] {
  return content.elements.elements.map((e) => ({
    id: e.id,
    name: e.name,
    negative: e.polarity === "negatief",
    definition: e.definition,
    behaviours: e.behaviours.map((b) => ({ id: b.id, label: b.label })),
  }));
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The gesprek of a vignette as participants follow it: who says what when, nothing more. */
export function roomTranscript(content: Content, slug: string | null): RoomTranscript | null {
  if (!slug || !SLUG.test(slug)) return null;
  const c = content.cases.find((x) => x.slug === slug);
  if (!c) return null;
  const speakers = new Map(c.speakers.map((s) => [s.id, s]));
  return {
    slug: c.slug,
    title: c.title,
    duration: c.duration,
    turns: c.turns.map((turn) => ({
      t: turn.t,
      speaker: speakers.get(turn.speaker)?.name ?? turn.speaker,
      speakerRole: speakers.get(turn.speaker)?.role ?? "derde",
      text: turn.text,
    })),
  };
}

/** The vignette as participants get it: the transcript only (no reference, no hidden context). */
export function roomCasus(content: Content, slug: string | null): RoomCasus | null {
  const transcript = roomTranscript(content, slug);
  const c = transcript ? content.cases.find((x) => x.slug === transcript.slug) : undefined;
  return transcript && c ? { slug: transcript.slug, transcript, situation: c.situation, situationHtml: c.situationHtml } : null;
}

/** The vignette as the host gets it: with the role-play script, for the host's eyes. */
export function hostCasus(content: Content, slug: string | null): HostCasus | null {
  const casus = roomCasus(content, slug);
  if (!casus) return null;
  const roleplay = content.cases.find((c) => c.slug === casus.slug)?.roleplay ?? null;
  return { ...casus, roleplay };
}

/** The origin people type or scan: the one this request came in on. */
export function requestOrigin(request: Request): string {
  return new URL(request.url).origin;
}

/** A QR code for the join link as an SVG data URL (img-src allows data:). */
export async function joinQrDataUrl(absoluteUrl: string): Promise<string> {
  const svg = await QRCode.toString(absoluteUrl, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
