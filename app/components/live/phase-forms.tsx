// The forms of the later phases (eindoordeel, reflectie, evaluatie) load when their phase comes, so a
// phone that joins in the lobby does not first download them and zod, which they validate with
// (docs/decisions/010-public-links.md: the rater page stays under 120 KB of JavaScript). They only
// ever render after the socket's snapshot arrived, never in the server-rendered HTML.
import { type ComponentProps, lazy, type ReactNode, Suspense } from "react";

function OnDemand({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          Het formulier wordt geladen…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

const LazyFinalRatingForm = lazy(() => import("./FinalRatingForm").then((m) => ({ default: m.FinalRatingForm })));
const LazyReflectionForm = lazy(() => import("./ReflectionForm").then((m) => ({ default: m.ReflectionForm })));
const LazyEvaluationForm = lazy(() => import("./EvaluationForm").then((m) => ({ default: m.EvaluationForm })));

export function FinalRatingForm(props: ComponentProps<typeof LazyFinalRatingForm>) {
  return <OnDemand>{<LazyFinalRatingForm {...props} />}</OnDemand>;
}

export function ReflectionForm(props: ComponentProps<typeof LazyReflectionForm>) {
  return <OnDemand>{<LazyReflectionForm {...props} />}</OnDemand>;
}

export function EvaluationForm(props: ComponentProps<typeof LazyEvaluationForm>) {
  return <OnDemand>{<LazyEvaluationForm {...props} />}</OnDemand>;
}
