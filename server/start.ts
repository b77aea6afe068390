// Entry of the compiled server (`npm start`, `npm run serve`, the systemd unit): build/node/start.js.
// NODE_ENV is set before any module is loaded (React, Express and Remix read it), so the server is
// bundled with code splitting: everything below is a chunk that loads only after this line.
process.env.NODE_ENV ??= "production";
await import("./index");

export {};
