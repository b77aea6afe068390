// Security headers: an enforced CSP with a fresh nonce per request. Everything is served from our
// own origin; no third-party script, style, font or connection is allowed.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import { isLoopbackHost } from "../app/core/public-links";
import { requestHost } from "./links";

export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
}

export function securityHeaders(options: { development: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        // Stylesheets only from our origin; in production no <style> element at all (an injected one
        // is refused). Inline style attributes stay allowed: React renders a few (widths of bars).
        // Vite's dev server injects <style> elements, so development keeps them.
        "style-src": options.development ? ["'self'", "'unsafe-inline'"] : ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "script-src": options.development
          ? ["'self'", "'unsafe-inline'"]
          : ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        // 'self' covers ws:/wss: to our own host in CSP Level 3 browsers.
        "connect-src": options.development ? ["'self'", "ws:", "wss:"] : ["'self'"],
        "upgrade-insecure-requests": null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Sent by originIsolation() below, only where browsers honour them.
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    strictTransportSecurity: false,
    referrerPolicy: { policy: "same-origin" },
  });
}

/**
 * Cross-Origin-Opener-Policy and Origin-Agent-Cluster only work on a trustworthy origin (https, or
 * a loopback host). On a LAN evening over plain http (http://192.168.1.20:3000) Chromium ignores
 * them and logs an error on every page, so there we leave them out (docs/decisions/010-public-links.md).
 */
export function originIsolation(req: Request, res: Response, next: NextFunction) {
  const { host, protocol } = requestHost(req);
  if (protocol === "https" || (host !== null && isLoopbackHost(host))) {
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Origin-Agent-Cluster", "?1");
  }
  next();
}
