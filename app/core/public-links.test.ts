import { describe, expect, it } from "vitest";
import { isLanLink, isLoopbackHost, joinUrlOn, lanHint, linkBase, type LinkInput, type NetworkView } from "./public-links";

const laptop: NetworkView = {
  defaultInterface: "wlan0",
  addresses: [
    { interface: "lo", address: "127.0.0.1", family: "IPv4", internal: true },
    { interface: "lo", address: "::1", family: "IPv6", internal: true },
    { interface: "docker0", address: "172.17.0.1", family: "IPv4", internal: false },
    { interface: "wlan0", address: "192.168.1.20", family: "IPv4", internal: false },
    { interface: "wlan0", address: "fe80::1", family: "IPv6", internal: false },
  ],
};

const input = (over: Partial<LinkInput>): LinkInput => ({ host: "localhost:3000", protocol: "http", publicUrl: null, port: 3000, network: laptop, ...over });

describe("linkBase: the origin a phone in the room can open", () => {
  it("uses PUBLIC_URL whenever it is set, whatever the browser used", () => {
    for (const host of ["localhost:3000", "192.168.1.20:3000", "example.org"]) {
      expect(linkBase(input({ host, publicUrl: "https://oefenen.example.nl/" }))).toEqual({ origin: "https://oefenen.example.nl", alternatives: [], source: "public_url" });
    }
  });

  it("turns a loopback Host into the LAN address of the default-route interface, the others as alternatives", () => {
    expect(linkBase(input({ host: "localhost:3000" }))).toEqual({ origin: "http://192.168.1.20:3000", alternatives: ["http://172.17.0.1:3000"], source: "lan" });
    expect(linkBase(input({ host: "127.0.0.1:3000" })).origin).toBe("http://192.168.1.20:3000");
    expect(linkBase(input({ host: "127.8.9.10:3000" })).origin).toBe("http://192.168.1.20:3000");
  });

  it("treats IPv6 loopback the same", () => {
    expect(linkBase(input({ host: "[::1]:3000" })).origin).toBe("http://192.168.1.20:3000");
    expect(linkBase(input({ host: "[::ffff:127.0.0.1]:3000" })).origin).toBe("http://192.168.1.20:3000");
  });

  it("uses the listening port for the LAN link, not the port of a local proxy", () => {
    expect(linkBase(input({ host: "localhost", protocol: "https", port: 3210 })).origin).toBe("http://192.168.1.20:3210");
  });

  it("falls back to the first non-internal IPv4 when no interface holds the default route", () => {
    expect(linkBase(input({ network: { ...laptop, defaultInterface: null } })).origin).toBe("http://172.17.0.1:3000");
  });

  it("keeps a LAN Host as it is: the browser already used an address others can reach", () => {
    expect(linkBase(input({ host: "192.168.1.20:3000" }))).toEqual({ origin: "http://192.168.1.20:3000", alternatives: [], source: "request" });
    expect(linkBase(input({ host: "laptop.lan:3000" })).origin).toBe("http://laptop.lan:3000");
  });

  it("behind a proxy uses the public name and protocol the proxy forwarded", () => {
    expect(linkBase(input({ host: "alliantie.example.nl", protocol: "https" }))).toEqual({ origin: "https://alliantie.example.nl", alternatives: [], source: "request" });
    expect(linkBase(input({ host: "alliantie.example.nl:443", protocol: "https" })).origin).toBe("https://alliantie.example.nl");
  });

  it("without any network keeps the loopback address the browser used", () => {
    const offline: NetworkView = { defaultInterface: null, addresses: laptop.addresses.filter((a) => a.internal) };
    expect(linkBase(input({ network: offline }))).toEqual({ origin: "http://localhost:3000", alternatives: [], source: "request" });
  });
});

describe("loopback names", () => {
  it("knows which names only this machine can open", () => {
    for (const host of ["localhost", "LOCALHOST:3000", "localhost.", "app.localhost:80", "127.0.0.1", "127.1.2.3:99", "[::1]", "[::1]:3000", "0.0.0.0:3000"]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ["192.168.1.20:3000", "10.0.0.2", "example.org", "localhost.example.org", "[fe80::1]:3000", "128.0.0.1"]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe("join links and the LAN hint", () => {
  it("builds the join link on an origin", () => {
    expect(joinUrlOn("http://192.168.1.20:3000", "ACD234")).toBe("http://192.168.1.20:3000/doe-mee?code=ACD234");
  });

  it("hints only for a plain-http IPv4 address on the network", () => {
    expect(lanHint("http://192.168.1.20:3000/doe-mee?code=ACD234")).toBe("Telefoons bereiken deze laptop op http://192.168.1.20:3000 — test het eerst met één telefoon.");
    expect(isLanLink("https://oefenen.example.nl/doe-mee?code=ACD234")).toBe(false);
    expect(lanHint("http://127.0.0.1:3000/doe-mee")).toBeNull();
    expect(lanHint("http://laptop.lan:3000/doe-mee")).toBeNull();
  });
});
