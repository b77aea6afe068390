// A seeded fuzzer against a real server over real socket.io-client sockets. Thousands of malformed
// events (wrong types, missing fields, huge strings, deep objects, arrays where objects belong,
// unknown events, prototype-pollution keys in every position, out-of-range numbers, events without
// an ack, raw packets with Infinity or broken framing), in the live phase and again in the final
// phase. What must hold:
//   - the server keeps answering (no crash, no uncaught error, no `internal` answer);
//   - every event sent with an ack gets `{ ok: false, error: { code, message } }`, code from ERROR_CODES;
//   - nothing changes: the host's snapshot, the fuzzed rater's own view, session.json byte for byte,
//     and the rating log apart from what an honest rater stored meanwhile;
//   - that honest rater's acks keep coming, all ok, while the fuzz runs;
//   - Object.prototype (and friends) are not polluted (the server runs in this process).
//
// Every payload is built from a valid one by at least one mutation that the protocol must refuse,
// so an `ok: true` answer is a bug, not noise. The seed is printed; FUZZ_SEED=… repeats a run.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../app/content.server";
import { TIP_IDS } from "../../app/core/domain";
import { type Ack, ERROR_CODES, type SessionSnapshot } from "../../app/core/protocol";
import type { CreatedSession } from "../../app/core/session-service";
import { startTestServer } from "../support/server";
import { connect, createSession, must, type TestSocket } from "./live-helpers";

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed2026);

// ---------------------------------------------------------------------------------------------
// A small deterministic PRNG (mulberry32) and helpers
// ---------------------------------------------------------------------------------------------

class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Sets a property as an own, enumerable property, so `__proto__` is a key and not the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone(value: Json): Json {
  // JSON.parse keeps a "__proto__" key as an own property.
  return JSON.parse(JSON.stringify(value)) as Json;
}

const POLLUTION_FLAG = "akPolluted";
const pollution = (): Json[] => [
  JSON.parse(`{"${POLLUTION_FLAG}":"ja"}`),
  JSON.parse(`{"prototype":{"${POLLUTION_FLAG}":"ja"}}`),
  JSON.parse(`{"__proto__":{"${POLLUTION_FLAG}":"ja"}}`),
  JSON.parse(`{"constructor":{"prototype":{"${POLLUTION_FLAG}":"ja"}}}`),
];

function deepArray(depth: number): Json {
  let value: Json = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}
function deepObject(depth: number, key: string): Json {
  let value: Json = {};
  for (let i = 0; i < depth; i++) {
    const next: Record<string, Json> = {};
    setOwn(next, key, value);
    value = next;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Payload specs: what a valid payload looks like, and what is guaranteed to break each part
// ---------------------------------------------------------------------------------------------

type LeafKind = "name" | "code" | "token" | "enum" | "id" | "behaviour" | "text" | "value" | "score" | "t" | "seq" | "lag" | "bool" | "true";
type Spec =
  | { t: "obj"; strict: boolean; fields: Record<string, { spec: Spec; optional?: boolean }> }
  | { t: "arr"; item: Spec; min: number; max: number }
  | { t: "leaf"; kind: LeafKind; valid: Json };

const leaf = (kind: LeafKind, valid: Json): Spec => ({ t: "leaf", kind, valid });
const obj = (fields: Record<string, Spec | { spec: Spec; optional: true }>, strict = true): Spec => ({
  t: "obj",
  strict,
  fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, "spec" in v ? v : { spec: v }])),
});
const opt = (spec: Spec) => ({ spec, optional: true as const });
const arr = (item: Spec, min: number, max: number): Spec => ({ t: "arr", item, min, max });

const STRING_WRONG_TYPES: Json[] = [0, 1, -1, true, false, null, [], {}, ["x"], { x: 1 }];
const NUMBER_WRONG_TYPES: Json[] = ["5", "", "NaN", "Infinity", true, false, null, [], {}, [5], { v: 5 }];
const BOOL_WRONG_TYPES: Json[] = ["true", "", 1, 0, null, [], {}];

/** Values that every field of this kind refuses. */
function breakers(kind: LeafKind, rng: Random): Json[] {
  const long = (n: number) => "x".repeat(n + rng.int(50));
  switch (kind) {
    case "name":
      return [...STRING_WRONG_TYPES, "", "   ", "\u0000", "a\u0007b", "\u001b[31mrood", "regel\nregel", long(41), "é".repeat(41)];
    case "code":
      return [...STRING_WRONG_TYPES, "", "AB", "ACD-234", "ACD 234", long(13), "ÄÖÜ123", "\u0000ACD23", "../../x"];
    case "token":
      return [...STRING_WRONG_TYPES, "", "kort", long(129), "../../etc/passwd", "a b c d e f g h i j", "\u0000".repeat(20)];
    case "enum":
      return [...STRING_WRONG_TYPES, "", " ", "BINDING", "Binding", "binding ", "__proto__", "constructor", "toString", "hasOwnProperty", long(1200)];
    case "id":
      // Never the id of a real participant.
      return [...STRING_WRONG_TYPES, "", "__proto__", "constructor", "prototype", "toString", "host", long(65)];
    case "behaviour":
      // Regex-valid names of Object.prototype members too: the core must look them up safely.
      return [...STRING_WRONG_TYPES, "", "Bestaat-Niet", "__proto__", "constructor", "hasownproperty", "valueof", "bestaat-niet", long(65)];
    case "text":
      // Longer than any note (500) or reflection text (1000).
      return [...STRING_WRONG_TYPES, long(1001), "<script>".repeat(200), "\u0000".repeat(1100), "é".repeat(1100), "\u202e".repeat(1100)];
    case "value":
      return [...NUMBER_WRONG_TYPES, -1, -0.001, 10.001, 11, 1e21, 1e308, -1e308, Number.MAX_VALUE];
    case "score":
      return [...NUMBER_WRONG_TYPES, -1, 11, 10.5, 0.5, 1e21, 1e308, -1e308];
    case "t":
      return [...NUMBER_WRONG_TYPES, -1, -0.001, 6 * 3600 + 0.001, 1e21, 1e308, -1e308];
    case "seq":
      return [...NUMBER_WRONG_TYPES, 0, -1, 1.5, 0.999, 2 ** 53 + 2, 1e308, -1e308];
    case "lag":
      return [...NUMBER_WRONG_TYPES, -1, 4, 0.5, 2.5, 1e21, 1e308, -1e308];
    case "bool":
      return BOOL_WRONG_TYPES;
    case "true":
      return [...BOOL_WRONG_TYPES, false];
  }
}

function validOf(spec: Spec): Json {
  if (spec.t === "leaf") return clone(spec.valid);
  if (spec.t === "arr") return Array.from({ length: Math.max(1, spec.min) }, () => validOf(spec.item));
  const out: Record<string, Json> = {};
  for (const [key, field] of Object.entries(spec.fields)) out[key] = validOf(field.spec);
  return out;
}

interface Node {
  path: (string | number)[];
  spec: Spec;
  optional: boolean;
}
function nodesOf(spec: Spec, path: (string | number)[] = [], optional = false): Node[] {
  const here: Node = { path, spec, optional };
  if (spec.t === "leaf") return [here];
  if (spec.t === "arr") return [here, ...nodesOf(spec.item, [...path, 0], spec.min === 0)];
  return [here, ...Object.entries(spec.fields).flatMap(([k, f]) => nodesOf(f.spec, [...path, k], Boolean(f.optional)))];
}

function getAt(root: Json, path: (string | number)[]): Json | undefined {
  let node: Json | undefined = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, Json>)[key];
  }
  return node;
}

/** Replaces the node at `path` (the root when empty); returns the new root. */
function setAt(root: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value === undefined ? null : value;
  const parent = getAt(root, path.slice(0, -1));
  if (parent === undefined || parent === null || typeof parent !== "object") return root;
  const key = path[path.length - 1];
  if (value === undefined) delete (parent as Record<string, Json>)[key];
  else setOwn(parent as Record<string, unknown>, String(key), value);
  return root;
}

const EXTRA_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "isAdmin", "", "k".repeat(300)];

/** One mutation that the protocol must refuse, at a random part of the payload. */
function breakOnce(root: Json, spec: Spec, rng: Random): Json {
  // Only parts still shaped as the spec says (an earlier mutation may have replaced a parent).
  const nodes = nodesOf(spec).filter((n) => {
    const v = getAt(root, n.path);
    if (v === undefined) return false;
    if (n.spec.t === "obj") return v !== null && typeof v === "object" && !Array.isArray(v);
    if (n.spec.t === "arr") return Array.isArray(v);
    return true;
  });
  if (nodes.length === 0) return root; // the whole payload is already something else
  const node = rng.pick(nodes);
  const current = getAt(root, node.path)!;
  const options: (() => Json)[] = [];
  if (node.spec.t === "leaf") {
    const kind = node.spec.kind;
    options.push(() => setAt(root, node.path, rng.pick(breakers(kind, rng))));
  }
  if (node.spec.t === "obj") {
    const s = node.spec;
    if (s.strict) {
      const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
      const extra = EXTRA_KEYS.filter((k) => !own(s.fields, k) && !own(current as object, k));
      if (extra.length) {
        options.push(() => {
          setOwn(current as Record<string, unknown>, rng.pick(extra), rng.pick([...pollution(), null, 1, "x", [], true]));
          return root;
        });
      }
    }
    const required = Object.entries(s.fields).filter(([k, f]) => !f.optional && Object.prototype.hasOwnProperty.call(current, k));
    if (required.length) options.push(() => setAt(root, [...node.path, rng.pick(required)[0]], undefined));
    // An array (or another type) where the object belongs.
    options.push(() => setAt(root, node.path, rng.pick<Json>([Object.values(current as Record<string, Json>), [current], "[object Object]", null, 0, true])));
  }
  if (node.spec.t === "arr") {
    const s = node.spec;
    const items = current as Json[];
    if (s.min > 0) options.push(() => setAt(root, node.path, []));
    options.push(() => setAt(root, node.path, Array.from({ length: s.max + 1 }, () => clone(items[0] ?? validOf(s.item)))));
    // An object where the array belongs.
    options.push(() => setAt(root, node.path, rng.pick<Json>([{ 0: items[0] ?? null, length: 1 }, {}, "[]", 0, null])));
  }
  return rng.pick(options)();
}

// ---------------------------------------------------------------------------------------------
// The session under fuzz
// ---------------------------------------------------------------------------------------------

interface Ctx {
  created: CreatedSession;
  bResumeToken: string;
  aId: string;
  bId: string;
  bindingBehaviour: string;
  vertrouwenBehaviour: string;
  duration: number;
}

function specs(c: Ctx): Record<string, Spec[]> {
  const sample = obj({ seq: leaf("seq", 10_000), element: leaf("enum", "binding"), value: leaf("value", 5), t: leaf("t", 3) });
  return {
    "session:join": [
      obj({ code: leaf("code", c.created.code), name: leaf("name", "Fuzz"), role: leaf("enum", "observator") }),
      obj({ code: leaf("code", c.created.code), resumeToken: leaf("token", c.bResumeToken) }),
      obj({ code: leaf("code", c.created.code), hostToken: leaf("token", c.created.hostToken) }),
    ],
    "session:phase": [obj({ phase: leaf("enum", "reveal") })],
    "session:clock": [obj({ action: leaf("enum", "seek"), t: leaf("t", 5) })],
    "participant:remove": [obj({ participantId: leaf("id", c.aId) })],
    "participant:focus": [obj({ participantId: leaf("id", c.aId), element: leaf("enum", "stroefheid") }), obj({ spread: leaf("true", true) })],
    "participant:own-focus": [obj({ element: leaf("enum", "stroefheid") })],
    "rating:samples": [obj({ samples: arr(sample, 1, 200) })],
    "moment:mark": [
      obj({
        seq: leaf("seq", 10_000),
        t: leaf("t", 3),
        element: leaf("enum", "binding"),
        behaviourId: opt(leaf("behaviour", c.bindingBehaviour)),
        note: opt(leaf("text", "goed gevraagd")),
      }),
    ],
    "rating:final": [
      obj({
        scores: obj({ vertrouwen: leaf("score", 6), "richting-kader": leaf("score", 7), binding: leaf("score", 5), stroefheid: leaf("score", 2) }),
        observed: arr(leaf("behaviour", c.bindingBehaviour), 0, 64),
        notes: opt(obj({ binding: opt(leaf("text", "goed")), vertrouwen: opt(leaf("text", "open")) })),
      }),
    ],
    // Issue 5's events: fuzzed whether or not the server has their handlers yet.
    "reflection:submit": [
      obj({
        learningPoint: leaf("text", "Eerst luisteren"),
        action: leaf("text", "Volgende keer samenvatten"),
        themes: opt(obj({ ervaringen: opt(leaf("text", "x")), behoeften: opt(leaf("text", "y")), toekomst: opt(leaf("text", "z")) })),
      }),
    ],
    "evaluation:submit": [obj({ answers: obj({ nut: opt(leaf("score", 8)) }, false) })],
    "tips:discussed": [obj({ tipId: leaf("enum", TIP_IDS[0]), discussed: leaf("bool", true) })],
    "reflection:project": [obj({ show: leaf("bool", true) })],
    "results:lag": [obj({ seconds: leaf("lag", 2) })],
  };
}

const UNKNOWN_EVENTS = ["admin:drop", "", "__proto__", "constructor", "toString", "hasOwnProperty", "error", "session:join ", "SESSION:JOIN", "session:state", "session:results", "presence:active", "x".repeat(1000)];

type SocketKind = "guest" | "rater" | "host";

interface Emit {
  event: string;
  args: unknown[];
  /** For the report when something goes wrong. */
  label: string;
}

/** Schema-valid payloads that the rules must refuse (nothing here may ever be accepted). */
function semantic(c: Ctx, kind: SocketKind): Emit[] {
  const e = (event: string, payload: unknown, label: string): Emit => ({ event, args: [payload], label: `semantic ${kind}: ${label}` });
  const list: Emit[] = [
    e("rating:samples", { samples: [{ seq: 1, element: "binding", value: 5, t: c.duration + 1 }] }, "t after the gesprek"),
    e("moment:mark", { seq: 1, t: 1, element: "binding", behaviourId: c.vertrouwenBehaviour }, "behaviour of another element"),
    e("moment:mark", { seq: 1, t: 1, element: "binding", behaviourId: "constructor" }, "behaviour id constructor"),
    e("moment:mark", { seq: 1, t: 1, element: "binding", behaviourId: "hasownproperty" }, "behaviour id hasownproperty"),
    e("rating:final", { scores: { vertrouwen: 1, "richting-kader": 1, binding: 1, stroefheid: 1 }, observed: ["constructor", "tostring"] }, "observed ids of Object.prototype"),
    e("rating:final", { scores: { vertrouwen: 1, "richting-kader": 1, binding: 1, stroefheid: 1 }, observed: ["bestaat-niet"] }, "unknown observed id"),
    e("session:clock", { action: "seek", t: c.duration + 1 }, "seek after the end"),
    e("session:phase", { phase: "lobby" }, "back to the lobby"),
    e("session:phase", { phase: "closed" }, "straight to closed"),
    e("participant:remove", { participantId: "__proto__" }, "remove __proto__"),
    e("participant:remove", { participantId: "host" }, "remove the host"),
    e("participant:focus", { participantId: "constructor", element: "binding" }, "focus for constructor"),
    // Z and 0 are not in the code alphabet: never a real code.
    e("session:join", { code: "ZZZ000", name: "Gok", role: "observator" }, "unknown code"),
    e("session:join", { code: c.created.code, hostToken: "h".repeat(22) }, "wrong host token"),
    e("session:join", { code: c.created.code, resumeToken: "r".repeat(22) }, "wrong resume token"),
    e("results:lag", { seconds: 1 }, "reaction time before the reveal"),
  ];
  if (kind !== "rater") list.push(e("rating:samples", { samples: [{ seq: 1, element: "binding", value: 5, t: 1 }] }, "samples from a non-rater"));
  if (kind !== "host") list.push(e("participant:focus", { spread: true }, "spread by a non-host"), e("session:phase", { phase: "final" }, "phase by a non-host"));
  if (kind === "guest") list.push(e("participant:own-focus", { element: "binding" }, "own focus without a seat"));
  return list.filter((x) => !(kind === "host" && x.event === "session:phase" && (x.args[0] as { phase: string }).phase === "final"));
}

const MAX_PAYLOAD_CHARS = 30_000; // below maxHttpBufferSize (32 KB): this fuzz is about answers, not dropped connections

function structural(c: Ctx, rng: Random, count: number): Emit[] {
  const all = specs(c);
  const events = Object.keys(all);
  const out: Emit[] = [];
  while (out.length < count) {
    const roll = rng.next();
    if (roll < 0.06) {
      // An unknown event, with anything at all.
      const event = rng.pick(UNKNOWN_EVENTS);
      out.push({ event, args: [rng.pick<Json>([{}, null, "x", ...pollution(), validOf(rng.pick(all["rating:samples"]))])], label: `unknown ${event.slice(0, 20)}` });
      continue;
    }
    const event = rng.pick(events);
    if (roll < 0.1) {
      // The wrong number of arguments: none, or several.
      const extra = rng.int(3) === 0 ? [] : [validOf(rng.pick(all[event])), rng.pick<Json>([1, "x", null, {}])];
      out.push({ event, args: extra, label: `${event} with ${extra.length} arguments` });
      continue;
    }
    if (roll < 0.18) {
      // The whole payload replaced: not an object, an array, a deep structure.
      const root = rng.pick<Json>([null, true, 0, -1, 1e308, "", "x", [], [validOf(rng.pick(all[event]))], deepArray(300), deepObject(200, rng.pick(["__proto__", "constructor", "a"])), ...pollution()]);
      out.push({ event, args: [root], label: `${event} with a replaced payload` });
      continue;
    }
    const spec = rng.pick(all[event]);
    let payload = validOf(spec);
    const mutations = 1 + rng.int(3);
    for (let i = 0; i < mutations; i++) payload = breakOnce(payload, spec, rng);
    if (JSON.stringify(payload).length > MAX_PAYLOAD_CHARS) continue;
    out.push({ event, args: [payload], label: `${event} ×${mutations}` });
  }
  return out;
}

/** Raw Socket.IO packets: numbers JSON can carry but socket.io-client never sends, and deep nesting. */
function rawPackets(c: Ctx): { packet: string; label: string }[] {
  const ev = (name: string, json: string) => `["${name}",${json}]`;
  return [
    { packet: ev("rating:samples", '{"samples":[{"seq":1,"element":"binding","value":1e999,"t":1}]}'), label: "value Infinity" },
    { packet: ev("rating:samples", '{"samples":[{"seq":1,"element":"binding","value":-1e999,"t":1}]}'), label: "value -Infinity" },
    { packet: ev("rating:samples", '{"samples":[{"seq":1e999,"element":"binding","value":5,"t":1}]}'), label: "seq Infinity" },
    { packet: ev("rating:samples", '{"samples":[{"seq":1,"element":"binding","value":5,"t":1e999}]}'), label: "t Infinity" },
    { packet: ev("session:clock", '{"action":"seek","t":1e999}'), label: "clock Infinity" },
    { packet: ev("rating:final", '{"scores":{"vertrouwen":1e999,"richting-kader":1,"binding":1,"stroefheid":1},"observed":[]}'), label: "score Infinity" },
    { packet: ev("session:join", `{"code":"${c.created.code}","name":"x","role":"observator","__proto__":{"${POLLUTION_FLAG}":1}}`), label: "join with __proto__" },
    { packet: ev("moment:mark", `{"seq":1,"t":1,"element":"binding","constructor":{"prototype":{"${POLLUTION_FLAG}":1}}}`), label: "moment with constructor.prototype" },
    { packet: ev("rating:samples", `{"samples":${"[".repeat(14_000)}${"]".repeat(14_000)}}`), label: "14 000 nested arrays" },
    { packet: ev("rating:final", `${'{"__proto__":'.repeat(2_000)}{}${"}".repeat(2_000)}`), label: "2 000 nested __proto__ objects" },
    { packet: `["rating:samples",${"[".repeat(14_000)}${"]".repeat(14_000)}]`, label: "nested arrays as the payload" },
  ];
}

/** Raw packets without an ack id, or broken framing: the server must shrug them off (it may close that connection). */
const RAW_NO_ACK = [
  '2["error","boom"]',
  '2["__proto__",{"akPolluted":1}]',
  '2["constructor",{"prototype":{"akPolluted":1}}]',
  "2[1,2,3]",
  '2["rating:samples",{"samples":[{"seq":1,"element":"binding","value":1e999,"t":1}]}]',
  "2[]",
  "2{}",
  '2["x"',
  "2",
  "3999[{}]",
  "9",
  "0/admin,{}",
  '51-["rating:samples",{"_placeholder":true,"num":0}]',
  "1",
];

// ---------------------------------------------------------------------------------------------
// Running it
// ---------------------------------------------------------------------------------------------

let server: Awaited<ReturnType<typeof startTestServer>>;
let ctx: Ctx;
let host: TestSocket;
let b: TestSocket;
const opened: TestSocket[] = [];
const processErrors: unknown[] = [];
const onProcessError = (error: unknown) => processErrors.push(error);
const prototypeKeys = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(","));
let prototypeBefore: string[];

/** Every socket comes from its own (proxied) address, so per-address join limits stay out of the way. */
let nextAddress = 1;
async function open(): Promise<TestSocket> {
  const n = nextAddress++;
  const socket = await connect(server.url, { extraHeaders: { "x-forwarded-for": `10.66.${n >> 8}.${n & 255}` }, reconnection: false });
  opened.push(socket);
  return socket;
}

// One rating connection per seat (decision 016): a second socket on a seat takes it over and the
// first is closed. So the fuzz's rater sockets sit on seats of their own: a pool that the chunks
// running at once never share, and one seat each for the sockets held until the end.
const RATER_POOL = 8;
const raterSeats: string[] = [];
let nextSeat = 0;

async function seated(kind: SocketKind, resumeToken?: string): Promise<TestSocket> {
  const socket = await open();
  if (kind === "rater") await must(socket, "session:join", { code: ctx.created.code, resumeToken: resumeToken ?? raterSeats[nextSeat++ % RATER_POOL] });
  if (kind === "host") await must(socket, "session:join", { code: ctx.created.code, hostToken: ctx.created.hostToken });
  return socket;
}

function emitWithAck(socket: TestSocket, event: string, args: unknown[], timeoutMs = 15_000): Promise<Ack<unknown> | "timeout" | "disconnected"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), timeoutMs);
    const onDisconnect = () => {
      clearTimeout(timer);
      resolve("disconnected");
    };
    socket.once("disconnect", onDisconnect);
    (socket.emit as (...a: unknown[]) => void)(event, ...args, (ack: Ack<unknown>) => {
      clearTimeout(timer);
      socket.off("disconnect", onDisconnect);
      resolve(ack);
    });
  });
}

/** An ack for a raw packet with id `id`, read off the engine. */
function rawWithAck(socket: TestSocket, body: string, id: number, timeoutMs = 15_000): Promise<Ack<unknown> | "timeout" | "disconnected"> {
  const engine = socket.io.engine;
  return new Promise((resolve) => {
    const prefix = `3${id}[`;
    const onPacket = (packet: { type: string; data?: unknown }) => {
      if (packet.type !== "message" || typeof packet.data !== "string" || !packet.data.startsWith(prefix)) return;
      finish((JSON.parse(packet.data.slice(String(id).length + 1)) as Ack<unknown>[])[0]);
    };
    const onClose = () => finish("disconnected");
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    const finish = (result: Ack<unknown> | "timeout" | "disconnected") => {
      clearTimeout(timer);
      engine.off("packet", onPacket);
      engine.off("close", onClose);
      resolve(result);
    };
    engine.on("packet", onPacket);
    engine.on("close", onClose);
    engine.write(`2${id}${body}`);
  });
}

interface Answer {
  label: string;
  answer: Ack<unknown> | "timeout" | "disconnected";
}

/** Sends events in bursts below the per-socket limit (40), over fresh sockets of each kind. */
async function fuzz(emits: Emit[], kinds: SocketKind[]): Promise<Answer[]> {
  const PER_SOCKET = 36;
  const chunks: Emit[][] = [];
  for (let i = 0; i < emits.length; i += PER_SOCKET) chunks.push(emits.slice(i, i + PER_SOCKET));
  const answers: Answer[] = [];
  // A few sockets at a time: thousands of acks in flight, a bounded number of connections.
  for (let i = 0; i < chunks.length; i += 12) {
    await Promise.all(
      chunks.slice(i, i + 12).map(async (chunk, j) => {
        const socket = await seated(kinds[(i + j) % kinds.length]);
        const results = await Promise.all(chunk.map((e) => emitWithAck(socket, e.event, e.args)));
        results.forEach((answer, k) => answers.push({ label: chunk[k].label, answer }));
        socket.close();
      }),
    );
  }
  return answers;
}

/** What must not change, from the host's view, the fuzzed rater's own view and the files. */
async function observe(honestId: string) {
  const res = await fetch(`${server.url}/api/sessions/${ctx.created.sessionId}`, { headers: { authorization: `Bearer ${ctx.created.hostToken}` } });
  expect(res.status).toBe(200);
  const hostView = (await res.json()) as SessionSnapshot;
  // A socket of its own: a valid join in the fuzz may have taken seat B over from an earlier one.
  const own = await must(await open(), "session:join", { code: ctx.created.code, resumeToken: ctx.bResumeToken });
  const dir = path.join(server.dataDir, "sessions", ctx.created.sessionId);
  const log = readFileSync(path.join(dir, "ratings.ndjson"), "utf8")
    .split("\n")
    .filter((line) => line && !line.includes(`"${honestId}"`));
  const stable = (s: SessionSnapshot) => ({
    ...s,
    serverTime: 0,
    // Presence moves with the honest rater and with sockets coming and going.
    participants: s.participants.map((p) => ({ ...p, connected: null, active: null })),
  });
  return {
    hostView: stable(hostView),
    ownView: stable(own.state),
    sessionJson: readFileSync(path.join(dir, "session.json"), "utf8"),
    log,
    files: readdirSync(dir).sort(),
    sessions: readdirSync(path.join(server.dataDir, "sessions")).sort(),
  };
}

/** An honest rater who keeps sending batches while the fuzz runs; every ack must be ok and in order. */
function honestRater(socket: TestSocket, startSeq: number) {
  let running = true;
  const latencies: number[] = [];
  const failures: string[] = [];
  let seq = startSeq;
  const done = (async () => {
    // At least ten batches, however quickly the fuzz is over.
    while (running || latencies.length < 10) {
      const batch = Array.from({ length: 10 }, (_, i) => ({ seq: seq + i + 1, element: "vertrouwen", value: (seq + i) % 11, t: 1 + ((seq + i) % 100) / 10 }));
      const started = performance.now();
      const ack = await emitWithAck(socket, "rating:samples", [{ samples: batch }], 10_000);
      latencies.push(performance.now() - started);
      if (typeof ack === "string" || !ack.ok) failures.push(typeof ack === "string" ? ack : ack.error.code);
      else if ((ack.data as { lastSeq: number }).lastSeq !== seq + 10) failures.push(`lastSeq ${(ack.data as { lastSeq: number }).lastSeq} ≠ ${seq + 10}`);
      seq += 10;
      // About ten batches a second: ten times what a phone sends, within the per-socket limit.
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return { latencies, failures, seq };
    },
  };
}

function checkAnswers(answers: Answer[]) {
  const codes = new Map<string, number>();
  const wrong: string[] = [];
  for (const { label, answer } of answers) {
    if (typeof answer === "string") {
      wrong.push(`${label}: ${answer}`);
      continue;
    }
    if (answer.ok) {
      wrong.push(`${label}: ok ${JSON.stringify(answer.data).slice(0, 200)}`);
      continue;
    }
    const { code, message } = answer.error;
    codes.set(code, (codes.get(code) ?? 0) + 1);
    if (!(ERROR_CODES as readonly string[]).includes(code) || code === "internal" || typeof message !== "string" || message.length < 5) {
      wrong.push(`${label}: ${code} ${message}`);
    }
  }
  return { codes: Object.fromEntries([...codes].sort()), wrong };
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

beforeAll(async () => {
  process.on("uncaughtException", onProcessError);
  process.on("unhandledRejection", onProcessError);
  prototypeBefore = prototypeKeys();
  // Behind one proxy: the fuzz sockets get addresses of their own (X-Forwarded-For).
  server = await startTestServer({ env: { TRUST_PROXY: "1" } });
  const created = await createSession(server.url);
  host = await open();
  const hostJoin = await must(host, "session:join", { code: created.code, hostToken: created.hostToken });
  b = await open();
  const bJoin = await must(b, "session:join", { code: created.code, name: "Fuzzy", role: "arbeidsdeskundige" });
  const content = loadContent(path.resolve("content"));
  const behaviourOf = (element: string) => [...content.behaviourIndex].find(([, v]) => v.elementId === element)![0];
  ctx = {
    created,
    bResumeToken: bJoin.resumeToken,
    aId: "",
    bId: bJoin.participantId,
    bindingBehaviour: behaviourOf("binding"),
    vertrouwenBehaviour: behaviourOf("vertrouwen"),
    duration: hostJoin.state.duration ?? 600,
  };
  for (let i = 0; i < RATER_POOL + 2; i++) {
    const seat = await open();
    raterSeats.push((await must(seat, "session:join", { code: created.code, name: `Fuzzy ${i + 2}`, role: "arbeidsdeskundige" })).resumeToken);
    seat.close();
  }
  await must(host, "session:phase", { phase: "briefing" });
  await must(host, "session:phase", { phase: "live" });
  console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} repeats this run)`);
});

afterAll(async () => {
  for (const s of opened) s.close();
  await server?.close();
  process.off("uncaughtException", onProcessError);
  process.off("unhandledRejection", onProcessError);
});

describe(`the fuzzer (seed ${SEED})`, () => {
  const rng = new Random(SEED);
  let honest: TestSocket;
  let honestId = "";
  let honestSeq = 0;

  it("sets up an honest rater whose acks we watch", async () => {
    honest = await open();
    const join = await must(honest, "session:join", { code: ctx.created.code, name: "Eerlijk", role: "ervaringsdeskundige" });
    honestId = join.participantId;
    ctx.aId = honestId;
    expect((await must(honest, "rating:samples", { samples: [{ seq: 1, element: "vertrouwen", value: 5, t: 1 }] })).lastSeq).toBe(1);
    honestSeq = 1;
  });

  for (const phase of ["live", "final"] as const) {
    it(`in the ${phase} phase: thousands of malformed events are all refused with a code, and nothing changes`, async () => {
      if (phase === "final") await must(host, "session:phase", { phase: "final" });
      const before = await observe(honestId);
      const rater = honestRater(honest, honestSeq);

      const emits = [...structural(ctx, rng, 4000), ...(["guest", "rater", "host"] as const).flatMap((k) => semantic(ctx, k).map((e) => ({ ...e, kind: k })))];
      // Semantic cases go to the socket kind they were written for; the rest round-robin.
      const semanticBy = (k: SocketKind) => emits.filter((e) => "kind" in e && e.kind === k);
      const plain = emits.filter((e) => !("kind" in e));
      const t0 = performance.now();
      const answers = [
        ...(await fuzz(plain, ["guest", "rater", "host"])),
        ...(await fuzz(semanticBy("guest"), ["guest"])),
        ...(await fuzz(semanticBy("rater"), ["rater"])),
        ...(await fuzz(semanticBy("host"), ["host"])),
      ];

      const t1 = performance.now();
      // Without an ack: malformed ones, and even valid ones (which must be ignored, not applied).
      // The last two seats are kept out of the round: these sockets stay until the barrier below.
      const [quietSeat, rawSeat] = raterSeats.slice(RATER_POOL);
      const quiet = await seated("rater", quietSeat);
      const quietHost = await seated("host");
      for (const e of structural(ctx, rng, 150)) (quiet.emit as (...a: unknown[]) => void)(e.event, ...e.args);
      (quiet.emit as (...a: unknown[]) => void)("rating:samples", { samples: [{ seq: 99, element: "binding", value: 3, t: 2 }] });
      (quiet.emit as (...a: unknown[]) => void)("participant:own-focus", { element: "stroefheid" });
      (quietHost.emit as (...a: unknown[]) => void)("participant:remove", { participantId: honestId });
      (quietHost.emit as (...a: unknown[]) => void)("session:clock", { action: "seek", t: 4 });

      // Raw packets with an ack id: Infinity, prototype keys, deep nesting.
      const rawSocket = await seated("rater", rawSeat);
      let id = 100_000;
      for (const { packet, label } of rawPackets(ctx)) answers.push({ label: `raw ${label}`, answer: await rawWithAck(rawSocket, packet, id++) });
      // Raw packets without one, and broken framing: each on its own connection, which may be closed.
      for (const packet of RAW_NO_ACK) {
        const socket = await seated("rater");
        socket.io.engine.write(packet);
        // Handled in order: the next answer (or the server closing this connection) comes after it.
        // ("1" is a disconnect of this namespace: the server goes silent on it, as it should.)
        const next = await emitWithAck(socket, "session:phase", [{ phase: "nope" }], packet === "1" ? 300 : 5_000);
        if (packet !== "1") expect(next, packet).not.toBe("timeout");
      }

      const t2 = performance.now();
      const { latencies, failures, seq } = await rater.stop();
      console.log(`timing: fuzz ${(t1 - t0).toFixed(0)} ms, quiet+raw ${(t2 - t1).toFixed(0)} ms`);
      honestSeq = seq;
      // The quiet sockets' emits were handled before the barrier below: a round trip on each.
      for (const s of [quiet, quietHost]) {
        const ack = await emitWithAck(s, "session:phase", [{ phase: "nope" }]);
        expect(ack !== "timeout" && ack !== "disconnected" && !ack.ok).toBe(true);
      }

      const { codes, wrong } = checkAnswers(answers);
      console.log(`${phase}: ${answers.length} events with an ack, codes ${JSON.stringify(codes)}; honest rater: ${latencies.length} batches, ack p95 ${p95(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
      expect(wrong.slice(0, 20), `${wrong.length} events not refused properly (seed ${SEED})`).toEqual([]);
      expect(answers.length).toBeGreaterThan(4000);
      // The fuzz reached the validation, not only the flood guard.
      expect(codes.rate_limited ?? 0).toBeLessThan(answers.length / 20);
      for (const code of ["invalid_payload", "out_of_range", "unauthorized", "forbidden", "not_found", "invalid_transition"]) expect(codes[code], code).toBeGreaterThan(0);

      // The honest rater was never refused, and kept going during the whole fuzz.
      expect(failures).toEqual([]);
      expect(latencies.length).toBeGreaterThanOrEqual(10);

      const after = await observe(honestId);
      expect(after.hostView).toEqual(before.hostView);
      expect(after.ownView).toEqual(before.ownView);
      expect(after.sessionJson).toBe(before.sessionJson);
      expect(after.log).toEqual(before.log);
      expect(after.files).toEqual(before.files);
      expect(after.sessions).toEqual(before.sessions);
    }, 90_000);
  }

  it("leaves the process healthy and Object.prototype unpolluted", async () => {
    expect(processErrors).toEqual([]);
    expect(prototypeKeys()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>)[POLLUTION_FLAG]).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    // A newcomer still gets in, and the honest rater still stores.
    const fresh = await open();
    const join = await must(fresh, "session:join", { code: ctx.created.code, name: "Nieuw", role: "observator" });
    expect(join.state.phase).toBe("final");
    const ack = await must(honest, "rating:samples", { samples: [{ seq: honestSeq + 1, element: "vertrouwen", value: 4, t: 2 }] });
    expect(ack.lastSeq).toBe(honestSeq + 1);
  });
});
