// The parts of the later phases (eindoordeel, onthulling, reflectie en evaluatie) load when their phase comes, so a
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
const LazyReflectionSteps = lazy(() => import("./ReflectionSteps").then((m) => ({ default: m.ReflectionSteps })));
const LazyPhoneReveal = lazy(() => import("./PhoneReveal").then((m) => ({ default: m.PhoneReveal })));
const LazyShareSpiegelForm = lazy(() => import("../spiegel/ShareSpiegelForm").then((m) => ({ default: m.ShareSpiegelForm })));

export function FinalRatingForm(props: ComponentProps<typeof LazyFinalRatingForm>) {
  return <OnDemand>{<LazyFinalRatingForm {...props} />}</OnDemand>;
}

/** The learning point, then the evaluation (ReflectionSteps). */
export function ReflectionSteps(props: ComponentProps<typeof LazyReflectionSteps>) {
  return <OnDemand>{<LazyReflectionSteps {...props} />}</OnDemand>;
}

/** The phone's own reveal (PhoneReveal). */
export function PhoneReveal(props: ComponentProps<typeof LazyPhoneReveal>) {
  return <OnDemand>{<LazyPhoneReveal {...props} />}</OnDemand>;
}

/** Sharing one's own mirror (issue 11): few raters use it, so it loads only where it is offered. */
export function ShareSpiegelForm(props: ComponentProps<typeof LazyShareSpiegelForm>) {
  return <OnDemand>{<LazyShareSpiegelForm {...props} />}</OnDemand>;
}
