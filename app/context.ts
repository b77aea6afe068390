// What the server hands every loader and action (see server/index.ts). Routes reach state only
// through these services, never by importing server modules (remix-run/remix #9202).
import type { Cookie } from "@remix-run/node";
import type { Content } from "./content.server";
import type { EvaluationForm } from "./core/evaluation";
import type { ProfileRepository } from "./core/profile";
import type { PublicLinks } from "./core/public-links";
import type { TipRule } from "./core/tip-rules";
import type { SessionService } from "./core/session-service";
import type { SpiegelClientService } from "./core/spiegel";

export interface AppServices {
  content: Content;
  tipRules: TipRule[];
  profiles: ProfileRepository;
  profileCookie: Cookie;
  sessions: SessionService;
  /** The questions of the session evaluation (content/evaluation.yaml). */
  evaluation: EvaluationForm;
  /** Signed cookie { code, token } set by POST /api/sessions/:id/host-cookie; read by host-only pages
   * (app/host-auth.server.ts). */
  hostCookie: Cookie;
  /** The origin for links meant for other devices (the join link and its QR): PUBLIC_URL, the LAN
   * address when the browser used localhost, or the request's own origin (app/core/public-links.ts). */
  links: PublicLinks;
  /** Client feedback ("Mijn spiegel"); null when the operator has not switched it on. */
  spiegel: SpiegelClientService | null;
  /** Wall clock and ids come from here so that core code stays pure. */
  now(): Date;
  newId(): string;
}

declare module "@remix-run/node" {
  // Single fetch types for loaders and actions (remix.config.js turns the flag on).
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    cspNonce: string;
    services: AppServices;
    /** The client's address as rate limits see it (server/client-address.ts); for SessionService.create from a form. */
    clientAddress?: string;
  }
}
