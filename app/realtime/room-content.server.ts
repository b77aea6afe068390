// Server-only helpers for the live-room pages: content shaped for the browser (never the reference
// rating or the hidden persona context before the reveal) and the join QR code, drawn here so no
// third-party service ever sees a join link.
import type { Content } from "../content.server";
import type { AppServices } from "../context";
import { joinUrlOn, lanHint } from "../core/public-links";
import { playerCards } from "../core/roleplay";
import { qrDataUrl } from "./qr";
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
  const c = content.cases.find((x) => x.slug === casus.slug);
  return { ...casus, roleplay: c?.roleplay ? { cards: playerCards(c) } : null };
}

/** The origin of this request: for links back to this same browser (the host link, the report). */
export function requestOrigin(request: Request): string {
  return new URL(request.url).origin;
}

export interface JoinLinks {
  /** The absolute link phones open; the QR encodes exactly this. */
  joinUrl: string;
  /** The same link on this laptop's other network addresses, for the host to choose from. */
  alternatives: string[];
  /** "Telefoons bereiken deze laptop op http://… — test het eerst met één telefoon" on a LAN address. */
  lanHint: string | null;
}

/** The join link of a session for other devices (docs/decisions/010-public-links.md). */
export function joinLinks(request: Request, code: string, services: Pick<AppServices, "links">): JoinLinks {
  const url = new URL(request.url);
  const base = services.links.base(url.host, url.protocol === "https:" ? "https" : "http");
  const joinUrl = joinUrlOn(base.origin, code);
  return { joinUrl, alternatives: base.alternatives.map((origin) => joinUrlOn(origin, code)), lanHint: lanHint(joinUrl) };
}

/** A QR code for the join link as an SVG data URL (img-src allows data:). */
export function joinQrDataUrl(absoluteUrl: string): Promise<string> {
  return qrDataUrl(absoluteUrl);
}
