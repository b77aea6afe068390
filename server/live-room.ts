// Seam for the live OT room (issue 4): the session store, Socket.IO handlers and the session
// HTTP API are built here from the shared dependencies and handed back to the composition root.
import { Router } from "express";
import type { Server as IoServer } from "socket.io";
import type { Content } from "../app/content.server";
import type { SessionService } from "../app/core/session-service";

export interface LiveRoomDeps {
  io: IoServer;
  dataDir: string;
  content: Content;
  now: () => Date;
  newId: () => string;
  retentionDays: number;
}

export interface LiveRoom {
  sessions: SessionService;
  /** Mounted at /api. */
  router: Router;
  /** Writes everything pending to disk; called on shutdown. */
  close(): Promise<void>;
}

export async function createLiveRoom(_deps: LiveRoomDeps): Promise<LiveRoom> {
  return {
    sessions: { findByCode: async () => null },
    router: Router(),
    close: async () => {},
  };
}
