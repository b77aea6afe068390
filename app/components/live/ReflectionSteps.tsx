// The end of the evening on a participant's phone as one flow of two steps: first the learning
// point, then right after it the short evaluation. When the learning point is saved, the phone
// moves to the evaluation by itself, and the top says what is still to do: on the OT evening all
// three phones sent the learning point and none the evaluation, which sat unnoticed below it.
import { useEffect, useRef } from "react";
import type { EvaluationForm as EvaluationContent } from "../../core/evaluation";
import type { PersonalDataPlace } from "../../core/personal-data";
import type { Reflection, SessionEvaluation } from "../../core/protocol";
import type { LiveClient } from "../../realtime/live-client";
import { EvaluationForm } from "./EvaluationForm";
import { ReflectionForm, type ReflectionTheme } from "./ReflectionForm";

export function ReflectionSteps({
  client,
  code,
  participantId,
  reflection,
  evaluation,
  themes,
  form,
  online,
  place,
}: {
  client: LiveClient;
  code: string;
  participantId: string;
  reflection: Reflection | null;
  evaluation: SessionEvaluation | null;
  themes: ReflectionTheme[];
  form: EvaluationContent;
  online: boolean;
  place: PersonalDataPlace;
}) {
  const reflected = reflection !== null;
  const evaluated = evaluation !== null;
  const next = useRef<HTMLParagraphElement>(null);
  const wasReflected = useRef(reflected);
  // Just saved the learning point: go on to the evaluation (not after a reload that finds it saved).
  useEffect(() => {
    if (reflected && !wasReflected.current && !evaluated) {
      next.current?.focus();
      next.current?.scrollIntoView({ block: "start" });
    }
    wasReflected.current = reflected;
  }, [reflected, evaluated]);

  return (
    <>
      <ol className="reflection-steps" aria-label="Wat je nog doet">
        <li data-done={reflected}>
          <span className="step-mark" aria-hidden="true">{reflected ? "✓" : "1"}</span>
          {reflected ? "Je leerpunt is bewaard" : "Je leerpunt en één actie"}
        </li>
        <li data-done={evaluated}>
          <span className="step-mark" aria-hidden="true">{evaluated ? "✓" : "2"}</span>
          {evaluated ? "Je evaluatie is verstuurd" : `De evaluatie: ${form.questions.length} korte vragen`}
        </li>
      </ol>
      {reflected && evaluated ? (
        <p className="alert ok" role="status">
          Klaar, dank je wel. Tot de begeleider de sessie sluit, kun je allebei nog aanpassen.
        </p>
      ) : null}
      <p className="step-label">Stap 1 van 2</p>
      <ReflectionForm client={client} code={code} participantId={participantId} saved={reflection} themes={themes} online={online} place={place} />
      <p className="step-label" ref={next} tabIndex={-1}>
        {reflected && !evaluated ? "Stap 2 van 2 · nog één ding: de evaluatie" : "Stap 2 van 2"}
      </p>
      <EvaluationForm client={client} code={code} participantId={participantId} saved={evaluation} form={form} online={online} />
    </>
  );
}
