import { describe, expect, it } from "vitest";
import { valueForKey, valueText } from "./RatingSlider";

describe("RatingSlider keys", () => {
  it("moves by one with the arrows and by two with Page Up/Down, within 0–10", () => {
    expect(valueForKey("ArrowRight", 4)).toBe(5);
    expect(valueForKey("ArrowUp", 10)).toBe(10);
    expect(valueForKey("ArrowLeft", 0)).toBe(0);
    expect(valueForKey("ArrowDown", 4)).toBe(3);
    expect(valueForKey("PageUp", 9)).toBe(10);
    expect(valueForKey("PageDown", 4)).toBe(2);
  });
  it("jumps with Home/End and the number keys", () => {
    expect(valueForKey("Home", 7)).toBe(0);
    expect(valueForKey("End", 2)).toBe(10);
    expect(valueForKey("7", null)).toBe(7);
    expect(valueForKey("0", 9)).toBe(0);
  });
  it("starts an unset slider in the middle, and leaves other keys alone", () => {
    expect(valueForKey("ArrowRight", null)).toBe(5);
    expect(valueForKey("PageUp", null)).toBe(7);
    expect(valueForKey("Tab", 5)).toBeNull();
    expect(valueForKey("a", 5)).toBeNull();
  });
  it("says the value in words, with stroefheid the other way round", () => {
    expect(valueText(null)).toBe("nog geen waarde");
    expect(valueText(8)).toBe("8 van 10, sterk");
    expect(valueText(8, true)).toBe("8 van 10, erg stroef");
    expect(valueText(0, true)).toBe("0 van 10, soepel");
  });
});
