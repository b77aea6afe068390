// The rater's focus element: given by the host as an observation assignment, and theirs to change.
import { useId, useState } from "react";
import type { ElementId } from "../../core/domain";
import type { LiveClient } from "../../realtime/live-client";
import type { RoomElement } from "../../realtime/room-content";
import { ErrorAlert } from "../ErrorAlert";

export function FocusChooser({
  client,
  elements,
  focus,
}: {
  client: LiveClient;
  elements: RoomElement[];
  focus: ElementId | null;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = elements.find((e) => e.id === focus);
  return (
    <div className="focus-chooser">
      <p>
        {current ? (
          <>
            Jouw focus: <strong className={`focus-name el-${current.id}`}>{current.name}</strong>. Op dit element let je
            vooral; de andere kun je ook beoordelen.
          </>
        ) : (
          "Je hebt nog geen focus-element. Kies er zelf een, of wacht tot de begeleider er een geeft."
        )}
      </p>
      <label htmlFor={id}>{current ? "Ander focus-element kiezen" : "Focus-element kiezen"}</label>
      <p className="hint focus-explained" id={`${id}-uitleg`}>
        Wat is dat? Je focus-element is het element waar jij tijdens het gesprek extra op let: jouw kijkopdracht. De
        schuifregelaar ervan staat bovenaan. Verdeelt de groep de vier elementen, dan ziet iedereen samen meer dan ieder
        alleen.
      </p>
      <select
        id={id}
        aria-describedby={`${id}-uitleg`}
        value={focus ?? ""}
        disabled={busy}
        onChange={async (e) => {
          const element = e.currentTarget.value as ElementId;
          if (!element) return;
          setBusy(true);
          const ack = await client.request("participant:own-focus", { element });
          setBusy(false);
          setError(ack.ok ? null : ack.error.message);
        }}
      >
        {focus === null ? <option value="">Kies een element</option> : null}
        {elements.map((el) => (
          <option key={el.id} value={el.id}>
            {el.name}
          </option>
        ))}
      </select>
      <ErrorAlert message={error} />
    </div>
  );
}
