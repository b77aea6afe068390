// The composition root: builds the store, the content, the HTTP server, Socket.IO and the Remix
// handler once, and wires them together. Nothing stateful is created anywhere else.
import { randomBytes } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { type AppLoadContext, createCookie, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { Server as IoServer } from "socket.io";
import type { AppServices } from "../app/context";
import { loadContent } from "../app/content.server";
import { loadTipRules } from "../app/tip-rules.server";
import { loadEvaluation } from "../app/evaluation.server";
import type { ClientToServerEvents, ServerToClientEvents } from "../app/core/protocol";
import type { NetworkView } from "../app/core/public-links";
import type { Env } from "./env";
import { createLiveRoom } from "./live-room";
import { createPublicLinks } from "./links";
import { clientAddress } from "./client-address";
import { originAllowed } from "./origin";
import { cookieSecret } from "./secret";
import { finalErrors } from "./http/handle";
import { apiBodyErrors, limitPageBodies } from "./http/limits";
import { responseReady } from "./http/response-ready";
import { cspNonce, originIsolation, securityHeaders } from "./security";
import { lockDataDir } from "./store/data-dir";
import { FileProfileRepository } from "./store/profiles";
import { codeFormLimit, spiegelRouter } from "./http/spiegel";
import { SpiegelService } from "./spiegel-service";
import { SpiegelStore } from "./store/spiegel";
import { RecoveryAdapter } from "./realtime/recovery-adapter";

export interface RunningServer {
  url: string;
  port: number;
  httpServer: HttpServer;
  /** Rooms in memory now (the others are on disk only; decision 028). */
  loadedRooms(): number;
  close(): Promise<void>;
}

export const MAX_SOCKET_PAYLOAD = 32 * 1024;

export interface ServerOptions {
  /** This machine's network as links for phones see it; the OS's by default (tests pass their own). */
  network?: () => NetworkView;
  /** The wall clock; tests pass their own to reach expiry and retention. */
  now?: () => Date;
}

export async function startServer(env: Env, options: ServerOptions = {}): Promise<RunningServer> {
  const development = env.NODE_ENV === "development";
  const lock = lockDataDir(env.dataDir);
  try {
    const content = loadContent(env.contentDir);
    const tipRules = loadTipRules(env.contentDir);
    const evaluation = loadEvaluation(env.contentDir);
    const now = options.now ?? (() => new Date());
    const newId = () => randomBytes(16).toString("base64url");

    const profiles = new FileProfileRepository(env.dataDir, now);
    await profiles.verifyAll();
    // Mijn spiegel: only on when an organisation takes responsibility and clients can reach us.
    const spiegelStore = new SpiegelStore(env.dataDir);
    await spiegelStore.open();
    const spiegelOn = Boolean(env.CLIENT_FEEDBACK_CONTROLLER && env.PUBLIC_URL);
    if (spiegelOn && !env.PUBLIC_URL!.startsWith("https://")) console.warn("Let op: PUBLIC_URL is geen https-adres; links naar cliënten gaan dan onversleuteld over het netwerk.");
    const spiegel = spiegelOn ? new SpiegelService(spiegelStore, now, env.CLIENT_FEEDBACK_CONTROLLER!, env.PUBLIC_URL!) : null;
    const spiegelSweep = () => spiegelStore.sweep(now()).catch((error: Error) => console.warn(`Spiegel-bewaartermijn: ${error.message}`));
    await spiegelSweep();
    const spiegelTimer = setInterval(() => void spiegelSweep(), 60 * 60 * 1000);
    spiegelTimer.unref();
    const secret = cookieSecret(env.dataDir, env.COOKIE_SECRET);
    const profileCookie = createCookie("ak_profiel", {
      httpOnly: true,
      sameSite: "lax",
      secure: false,
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
      secrets: [secret],
    });
    // The host's key to server-rendered host pages; path and Secure are set per session when issued.
    const hostCookie = createCookie("ak_begeleider", { httpOnly: true, sameSite: "strict", secure: false, path: "/sessie", secrets: [secret] });

    const app = express();
    app.disable("x-powered-by");
    app.set("trust proxy", env.TRUST_PROXY);
    const httpServer = createServer(app);
    const extraOrigins = [...env.ALLOWED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean), ...(env.PUBLIC_URL ? [env.PUBLIC_URL] : [])];
    const io = new IoServer<ClientToServerEvents, ServerToClientEvents>(httpServer, {
      serveClient: false,
      maxHttpBufferSize: MAX_SOCKET_PAYLOAD,
      // WebSockets are not covered by CORS: refuse foreign origins at the handshake.
      allowRequest: (req, callback) => callback(null, originAllowed(req, extraOrigins)),
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
      // Keeps what a returning socket needs, not the snapshots and counts (decision 030).
      adapter: RecoveryAdapter,
    });

    let listeningPort = env.PORT;
    const links = createPublicLinks({ publicUrl: env.PUBLIC_URL ?? null, port: () => listeningPort, network: options.network });
    const liveRoom = await createLiveRoom({
      io: io as unknown as IoServer,
      dataDir: env.dataDir,
      content,
      now,
      newId,
      retentionDays: env.RETENTION_DAYS,
      trustProxy: env.TRUST_PROXY,
      tipRules,
      evaluation,
      hostCookie,
      links,
      spiegelCodes: spiegel,
      idleUnloadMs: env.IDLE_UNLOAD_MINUTES * 60_000,
    });

    const services: AppServices = { content, tipRules, profiles, profileCookie, sessions: liveRoom.sessions, evaluation, hostCookie, links, now, newId, spiegel };

    app.use(cspNonce);
    app.use(securityHeaders({ development }));
    app.use(originIsolation);
    app.use(compression());
    app.get("/healthz", (_req, res) => {
      res.json({ ok: true });
    });
    app.use("/api/spiegel", express.json({ limit: "16kb" }), spiegelRouter(spiegel, env.TRUST_PROXY));
    app.post("/s", codeFormLimit(env.TRUST_PROXY));
    app.use("/api", express.json({ limit: "64kb" }), liveRoom.router);
    app.use("/api", apiBodyErrors);
    app.use(limitPageBodies);

    let build: ServerBuild | (() => Promise<ServerBuild>);
    if (development) {
      const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
      app.use(vite.middlewares);
      build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    } else {
      const clientDir = path.resolve("build/client");
      app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
      app.use(express.static(clientDir, { maxAge: "1h" }));
      build = (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild;
    }

    app.all(
      "*",
      createRequestHandler({
        build,
        mode: development ? "development" : "production",
        getLoadContext: (req, res): AppLoadContext => ({
          cspNonce: res.locals.cspNonce as string,
          services,
          clientAddress: clientAddress(req, env.TRUST_PROXY),
          responseReady: () => responseReady(res),
        }),
      }),
    );
    // Anything a page or API handler passed on: the closed error shape, never a stack trace.
    app.use(finalErrors((message) => console.warn(message)));

    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(env.PORT, env.HOST, () => resolve());
    });
    const port = (httpServer.address() as AddressInfo).port;
    listeningPort = port;

    let closing: Promise<void> | null = null;
    const close = () => {
      closing ??= (async () => {
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        httpServer.closeAllConnections();
        clearInterval(spiegelTimer);
        try {
          await liveRoom.close();
        } finally {
          lock.release();
        }
      })();
      return closing;
    };
    return { url: `http://localhost:${port}`, port, httpServer, loadedRooms: liveRoom.loadedRooms, close };
  } catch (error) {
    lock.release();
    throw error;
  }
}
