// What routes may ask of the live-room sessions. Implemented in server/ by the live room; routes
// reach it through the load context, never by importing server modules.
import type { AppError, NameDisplay, SessionSnapshot } from "./protocol";

export interface SessionSummary {
  sessionId: string;
  code: string;
  title: string;
  phase: SessionSnapshot["phase"];
}

export type SessionSourceInput =
  | { kind: "vignette"; slug: string }
  | { kind: "media" }
  | { kind: "roleplay"; slug?: string };

export interface CreateSessionInput {
  title: string;
  source: SessionSourceInput;
  /** The question for the group; defaults to the vignette's question. */
  question?: string;
  separateRoles: boolean;
  nameDisplay: NameDisplay;
  allowSingleRaterGroup?: boolean;
}

export interface CreatedSession {
  sessionId: string;
  code: string;
  hostToken: string;
  /** Path (no origin) participants open, e.g. /doe-mee?code=ABC123 */
  joinUrl: string;
  /** Private path for the host, token in the fragment so it is never sent to a server. */
  hostUrl: string;
}

export type ServiceResult<T> = { ok: true; data: T } | { ok: false; error: AppError };

export interface SessionService {
  create(input: unknown, clientKey: string): Promise<ServiceResult<CreatedSession>>;
  /** Looks a session up by its join code; null when there is none. */
  findByCode(code: string): Promise<SessionSummary | null>;
  /** True when `token` is the host token of the session with this code. */
  isHost(code: string, token: string): Promise<boolean>;
}
