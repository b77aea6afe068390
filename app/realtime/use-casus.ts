// Loads what a page needs of the session's vignette (its transcript; for the host also the
// role-play script) once the snapshot says which vignette it is. The route's own loader answers
// `?casus=<slug>`; it is library content, the same for everyone.
import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";

export function useCasus<T extends { slug: string }>(routePath: string, slug: string | null | undefined): T | null {
  const fetcher = useFetcher<{ casus: T | null }>();
  const loaded = fetcher.data?.casus ?? null;
  useEffect(() => {
    if (slug && loaded?.slug !== slug) fetcher.load(`${routePath}?casus=${encodeURIComponent(slug)}`);
    // Only a new slug should fetch again; `fetcher` and `loaded` change with every load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug, routePath]);
  return loaded && loaded.slug === slug ? loaded : null;
}
