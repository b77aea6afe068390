// Loaded into a real server process (NODE_OPTIONS=--import …) by tests only: from the moment the
// process receives SIGTERM, every fdatasync fails with EIO, as a disk that breaks at shutdown would:
// FileHandle.datasync (the promise API) and fs.fdatasync (the callback API the rating logs use).
// Nothing in the product loads or knows this file.
import fs from "node:fs";
import { open } from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";

const probe = await open(process.execPath, "r");
const FileHandle = Object.getPrototypeOf(probe);
await probe.close();

let failing = false;
// Runs before the server's own SIGTERM handler (registered later, with process.on).
process.prependListener("SIGTERM", () => {
  failing = true;
});
const eio = () => Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO", errno: -5, syscall: "fdatasync" });
const datasync = FileHandle.datasync;
FileHandle.datasync = function (...args) {
  if (!failing) return datasync.apply(this, args);
  return Promise.reject(eio());
};
const fdatasync = fs.fdatasync;
fs.fdatasync = function (fd, callback) {
  if (!failing) return fdatasync(fd, callback);
  process.nextTick(callback, eio());
};
// `import { fdatasync } from "node:fs"` in the server sees the replacement too.
syncBuiltinESMExports();
