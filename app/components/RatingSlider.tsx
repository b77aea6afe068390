// A 0–10 rating slider for live use on a phone held in one hand, by mouse, and by keyboard.
// Built on a native range input, so touch screen readers (VoiceOver, TalkBack) can adjust it with
// their own gestures; the keys are ours so they behave the same everywhere: arrows ±1, Page Up/Down
// ±2, Home/End 0/10, number keys 0–9. A row of 0–10 buttons is the non-drag alternative (WCAG 2.2,
// 2.5.7). The value is announced in a polite live region, debounced so a drag does not flood it;
// keyboard changes are left to the screen reader, which reads a focused slider by itself.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { ElementId } from "../core/domain";

export const SLIDER_MIN = 0;
export const SLIDER_MAX = 10;
const PAGE_STEP = 2;
const ANNOUNCE_DELAY_MS = 700;

export interface RatingSliderProps {
  label: string;
  value: number | null;
  onChange: (value: number) => void;
  /** Colours the slider with the element's colour. */
  element?: ElementId;
  /** Stroefheid: a high value is bad; the end labels say so. */
  negative?: boolean;
  /** Extra description (an id), e.g. the element's definition. */
  describedBy?: string;
  /** Hide the visible label (when a heading already says it). */
  hideLabel?: boolean;
  disabled?: boolean;
}

function clamp(v: number): number {
  return Math.min(SLIDER_MAX, Math.max(SLIDER_MIN, Math.round(v)));
}

export function valueText(value: number | null, negative = false): string {
  if (value === null) return "nog geen waarde";
  const word = negative
    ? value >= 8
      ? "erg stroef"
      : value >= 5
        ? "wat stroef"
        : value >= 2
          ? "licht stroef"
          : "soepel"
    : value >= 8
      ? "sterk"
      : value >= 5
        ? "redelijk"
        : value >= 2
          ? "zwak"
          : "afwezig";
  return `${value} van 10, ${word}`;
}

/** The value a key sets, or null when the key is not ours. */
export function valueForKey(key: string, current: number | null): number | null {
  const base = current ?? 5;
  switch (key) {
    case "ArrowRight":
    case "ArrowUp":
      return current === null ? base : clamp(base + 1);
    case "ArrowLeft":
    case "ArrowDown":
      return current === null ? base : clamp(base - 1);
    case "PageUp":
      return clamp(base + PAGE_STEP);
    case "PageDown":
      return clamp(base - PAGE_STEP);
    case "Home":
      return SLIDER_MIN;
    case "End":
      return SLIDER_MAX;
    default:
      return /^[0-9]$/.test(key) ? Number(key) : null;
  }
}

export function RatingSlider({
  label,
  value,
  onChange,
  element,
  negative = false,
  describedBy,
  hideLabel = false,
  disabled = false,
}: RatingSliderProps) {
  const id = useId();
  const inputId = `${id}-input`;
  const endsId = `${id}-ends`;
  const [announced, setAnnounced] = useState("");
  const source = useRef<"key" | "pointer" | "tap">("pointer");
  const text = valueText(value, negative);

  useEffect(() => {
    if (value === null || source.current === "key") return;
    const timer = setTimeout(() => setAnnounced(`${label}: ${valueText(value, negative)}`), ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value, label, negative]);

  const set = (v: number, from: "key" | "pointer" | "tap") => {
    source.current = from;
    const next = clamp(v);
    if (next !== value) onChange(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const next = valueForKey(event.key, value);
    if (next === null) return;
    event.preventDefault();
    source.current = "key";
    if (next !== value) onChange(next);
  };

  const describedByIds = [endsId, describedBy].filter(Boolean).join(" ");
  return (
    <div
      className={`rating-slider${element ? ` el-${element}` : ""}${value === null ? " unset" : ""}`}
      data-value={value ?? ""}
    >
      <div className="rating-slider-head">
        <label htmlFor={inputId} className={hideLabel ? "visually-hidden" : undefined}>
          {label}
        </label>
        <output htmlFor={inputId} className="rating-slider-value" aria-hidden="true">
          {value ?? "–"}
        </output>
      </div>
      <input
        id={inputId}
        type="range"
        role="slider"
        min={SLIDER_MIN}
        max={SLIDER_MAX}
        step={1}
        value={value ?? 5}
        aria-valuemin={SLIDER_MIN}
        aria-valuemax={SLIDER_MAX}
        aria-valuenow={value ?? 5}
        aria-valuetext={text}
        aria-describedby={describedByIds}
        disabled={disabled}
        onKeyDown={onKeyDown}
        onChange={(e) => set(Number(e.currentTarget.value), "pointer")}
        onPointerDown={() => {
          source.current = "pointer";
        }}
        onPointerUp={(e) => {
          // Tapping the middle of an unset slider changes nothing natively; it still means "5".
          if (value === null) set(Number(e.currentTarget.value), "pointer");
        }}
      />
      <div className="rating-slider-ends" id={endsId}>
        <span>{negative ? "0 · soepel" : "0 · afwezig"}</span>
        <span>{negative ? "10 · zeer stroef" : "10 · sterk aanwezig"}</span>
      </div>
      <div className="rating-slider-taps" role="group" aria-label={`${label}: tik een waarde`}>
        {Array.from({ length: SLIDER_MAX - SLIDER_MIN + 1 }, (_, v) => (
          <button
            key={v}
            type="button"
            tabIndex={-1}
            aria-pressed={value === v}
            disabled={disabled}
            onClick={() => set(v, "tap")}
          >
            {v}
          </button>
        ))}
      </div>
      <span className="visually-hidden" aria-live="polite">
        {announced}
      </span>
    </div>
  );
}
