// The live OT room (issue 4): the session store, the Socket.IO handlers and the session HTTP API,
// built here from the shared dependencies and handed back to the composition root.
import { randomBytes as cryptoRandomBytes } from "node:crypto";
import type { Cookie } from "@remix-run/node";
import type { Router } from "express";
import type { Server as IoServer } from "socket.io";
import type { Content } from "../app/content.server";
import type { EvaluationForm } from "../app/core/evaluation";
import { isJoinCode, normalizeJoinCode } from "../app/core/join-code";
import { fail, ok } from "../app/core/protocol";
import type { SessionService } from "../app/core/session-service";
import type { TipRule } from "../app/core/tip-rules";
import type { PublicLinks } from "../app/core/public-links";
import { sessionsRouter } from "./http/sessions";
import { attachRealtime, createJoinLimits } from "./realtime/index";
import type { SpiegelShareDeps } from "./realtime/spiegel";
import { type LiveServer, Rooms } from "./realtime/rooms";
import { DAMAGED_SESSION_MESSAGE, StoreError } from "./store/json-doc";
import { SessionStore } from "./store/sessions";

export interface LiveRoomDeps {
  io: IoServer;
  dataDir: string;
  content: Content;
  now: () => Date;
  newId: () => string;
  retentionDays: number;
  /** Reverse proxies in front of us (TRUST_PROXY), so per-address limits see the client. */
  trustProxy?: number;
  /** Source of randomness for join codes; crypto by default. */
  randomBytes?: (size: number) => Buffer;
  warn?: (message: string) => void;
  /** Issue 5: the tip rules (GET …/results ranks the tips), the evaluation's questions, and the
   * signed cookie for server-rendered host pages (POST …/host-cookie). */
  tipRules?: readonly TipRule[];
  evaluation?: EvaluationForm;
  hostCookie?: Cookie;
  /** Makes POST /api/sessions answer an absolute joinUrl (without it: the path). */
  links?: PublicLinks;
  /** Issue 11: the mirrors' share codes, for spiegel:share (absent: "Mijn spiegel" is off). */
  spiegelCodes?: SpiegelShareDeps["codes"];
  /** A session nobody used this long leaves memory (IDLE_UNLOAD_MINUTES, decision 028). */
  idleUnloadMs?: number;
}

export interface LiveRoom {
  sessions: SessionService;
  /** Mounted at /api. */
  router: Router;
  /** Rooms in memory now (server/metrics.ts). */
  loadedRooms(): number;
  /** Writes everything pending to disk; called on shutdown. */
  close(): Promise<void>;
}

export async function createLiveRoom(deps: LiveRoomDeps): Promise<LiveRoom> {
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  const store = new SessionStore(deps.dataDir);
  const io = deps.io as unknown as LiveServer;
  // Reads every stored session's document (not its log); a damaged one stops the start here (StoreError).
  const rooms = await Rooms.open({
    io,
    store,
    content: deps.content,
    now: deps.now,
    newId: deps.newId,
    randomBytes: deps.randomBytes ?? cryptoRandomBytes,
    retentionDays: deps.retentionDays,
    tipRules: deps.tipRules,
    evaluation: deps.evaluation,
    warn,
    idleUnloadMs: deps.idleUnloadMs,
  });
  const nowMs = () => deps.now().getTime();
  const limits = createJoinLimits(nowMs);
  attachRealtime(io, rooms, limits, { now: nowMs, trustProxy: deps.trustProxy ?? 0, warn, spiegelCodes: deps.spiegelCodes });

  const sessions: SessionService = {
    create: (input, clientKey) => rooms.create(input, clientKey),
    // Summaries and host checks come from the registry's entries: no session is read in for them.
    async findByCode(code) {
      const session = rooms.find(normalizeJoinCode(code));
      return session ? rooms.summary(session) : null;
    },
    async isHost(code, token) {
      const session = rooms.find(normalizeJoinCode(code));
      return Boolean(session && rooms.isHostToken(session, token));
    },
    async record(code, hostToken) {
      const session = rooms.find(normalizeJoinCode(code));
      if (!session) return fail("not_found");
      if (!rooms.isHostToken(session, hostToken)) return fail("forbidden", "Alleen de begeleider van deze sessie kan het verslag openen.");
      let room;
      try {
        room = await rooms.byId(session.id);
      } catch (error) {
        if (!(error instanceof StoreError)) throw error;
        warn(`Sessie ${session.id} niet gelezen: ${error.message}`);
        return fail("internal", DAMAGED_SESSION_MESSAGE);
      }
      if (!room) return fail("not_found");
      return ok(await rooms.record(room));
    },
    async lookup(code, clientKey) {
      // Shares the per-address budget for failed attempts with session:join.
      if (!limits.guesses.has(clientKey)) {
        return fail("rate_limited", "Te veel onjuiste codes geprobeerd vanaf dit adres. Wacht een minuut en controleer de code.");
      }
      const normalized = normalizeJoinCode(code);
      const session = isJoinCode(normalized) ? rooms.find(normalized) : undefined;
      if (!session) {
        limits.guesses.take(clientKey);
        return fail("not_found");
      }
      return ok(rooms.summary(session));
    },
  };

  return {
    sessions,
    router: sessionsRouter({ rooms, store, newId: deps.newId, now: deps.now, warn, hostCookie: deps.hostCookie, links: deps.links, trustProxy: deps.trustProxy ?? 0 }),
    loadedRooms: () => rooms.loaded,
    close: () => rooms.close(),
  };
}
