import { describe, expect, it } from "vitest";
import type { NetworkView } from "../app/core/public-links";
import { phoneAddressLines } from "./links";

const network: NetworkView = {
  defaultInterface: "wlan0",
  addresses: [
    { interface: "lo", address: "127.0.0.1", family: "IPv4", internal: true },
    { interface: "eth1", address: "10.0.0.5", family: "IPv4", internal: false },
    { interface: "wlan0", address: "192.168.1.20", family: "IPv4", internal: false },
  ],
};

describe("phoneAddressLines: what npm start prints for phones", () => {
  it("names the default-route address first, the others after it, and PUBLIC_URL when set", () => {
    expect(phoneAddressLines({ publicUrl: "https://oefenen.example.nl", host: "0.0.0.0", port: 3000, network })).toEqual([
      "Deelnemers gebruiken https://oefenen.example.nl (PUBLIC_URL)",
      "Telefoons bereiken deze laptop op http://192.168.1.20:3000",
      "  of, op een ander netwerk van deze laptop: http://10.0.0.5:3000",
    ]);
  });

  it("says so when the server only listens on loopback or there is no network", () => {
    expect(phoneAddressLines({ publicUrl: null, host: "127.0.0.1", port: 3000, network })[0]).toMatch(/niet bereiken.*127\.0\.0\.1/);
    expect(phoneAddressLines({ publicUrl: null, host: "::1", port: 3000, network })[0]).toMatch(/niet bereiken/);
    expect(phoneAddressLines({ publicUrl: null, host: "0.0.0.0", port: 3000, network: { defaultInterface: null, addresses: [network.addresses[0]] } })[0]).toMatch(/Geen netwerk/);
  });
});
