import { describe, expect, it } from "vitest";
import { defaultRouteInterface } from "./network";

const HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";

describe("defaultRouteInterface", () => {
  it("finds the interface of the default route, the lowest metric when there are several", () => {
    const table = [
      HEADER,
      "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
      "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
      "wlan0\t00000000\t0102A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0",
    ].join("\n");
    expect(defaultRouteInterface(table)).toBe("eth0");
  });

  it("ignores a default route that is down and answers null without one", () => {
    expect(defaultRouteInterface([HEADER, "eth0\t00000000\t0101A8C0\t0002\t0\t0\t0\t00000000\t0\t0\t0"].join("\n"))).toBeNull();
    expect(defaultRouteInterface(HEADER)).toBeNull();
  });
});
