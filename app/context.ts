// What the server hands every loader and action (see server/index.ts). Routes reach state only
// through these services, never by importing server modules (remix-run/remix #9202).
import type { Cookie } from "@remix-run/node";
import type { Content } from "./content.server";
import type { ProfileRepository } from "./core/profile";
import type { TipRule } from "./core/tip-rules";
import type { SessionService } from "./core/session-service";

export interface AppServices {
  content: Content;
  tipRules: TipRule[];
  profiles: ProfileRepository;
  profileCookie: Cookie;
  sessions: SessionService;
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
    /** The client's address as rate limits see it (req.ip); for SessionService.create from a form. */
    clientAddress?: string;
  }
}
