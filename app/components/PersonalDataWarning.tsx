import { describePersonalData, findPersonalData } from "~/core/personal-data";

/** Live warning under a text field when what was typed looks like personal data. */
export function PersonalDataWarning({ text, id }: { text: string; id: string }) {
  const message = describePersonalData(findPersonalData(text));
  return (
    <p id={id} className={message ? "alert warn" : "visually-hidden"} role="status" aria-live="polite">
      {message ?? ""}
    </p>
  );
}
