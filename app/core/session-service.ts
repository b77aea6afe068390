// What routes may ask of the live-room sessions. Implemented in server/ by the live room; routes
// reach it through the load context, never by importing server modules.
import type { AppError, NameDisplay, SessionSnapshot } from "./protocol";
import type { ExportJob, SessionRecord } from "./report";

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
  /** The setting shown in the briefing; defaults to the vignette's situation (markdown). */
  setting?: string;
  separateRoles: boolean;
  nameDisplay: NameDisplay;
  allowSingleRaterGroup?: boolean;
  /** An OT method from content/methods (app/core/agenda.ts). */
  method?: string;
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
  /** Looks a session up by its join code; null when there is none. Not rate-limited: for pages
   * that already hold a code (the host page). */
  findByCode(code: string): Promise<SessionSummary | null>;
  /** Looks up a code that a visitor typed (/doe-mee): failed attempts count against `clientKey`
   * (the IP) in the same budget as session:join, so codes cannot be guessed through HTTP. */
  lookup(code: string, clientKey: string): Promise<ServiceResult<SessionSummary>>;
  /** True when `token` is the host token of the session with this code. */
  isHost(code: string, token: string): Promise<boolean>;
  /** Everything stored about the session, for its report and exports (no tokens, no hashes).
   * Host only: `not_found` for an unknown code, `forbidden` for a wrong token. */
  record(code: string, hostToken: string): Promise<ServiceResult<SessionRecord>>;
  /** The bytes of a download of a record that `record` gave, in pieces: the server reads and
   * formats a long session's log off the main thread (docs/decisions/024). */
  download(record: SessionRecord, job: ExportJob): AsyncIterable<Uint8Array>;
}
