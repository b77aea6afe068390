import { describePersonalData, findPersonalData, type PersonalDataPlace } from "~/core/personal-data";

/**
 * Live warning under a text field when what was typed looks like personal data, in words that fit
 * the place: a casus note, the werkblad, or an ervaringsdeskundige writing about herself.
 */
export function PersonalDataWarning({ text, id, place = "casus" }: { text: string; id: string; place?: PersonalDataPlace }) {
  const message = describePersonalData(findPersonalData(text), place);
  return (
    <p id={id} className={message ? "alert warn" : "visually-hidden"} role="status" aria-live="polite">
      {message ?? ""}
    </p>
  );
}
