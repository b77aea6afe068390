// What a log line may say about a URL: its shape, not what identifies someone. Join codes, session
// ids, feedback links and tokens in a path become ":…"; words of the app's own routes stay.
// The query string is never logged.

/** A path segment that is one of the app's own words (lower case, digits only after a letter, an extension). */
const ROUTE_WORD = /^[a-z][a-z-]*(\.[a-z]{2,5})?$/;

/** Route words followed by an id, a code or a link: the next segment is hidden even when it looks like a word. */
const BEFORE_ID = new Set(["sessie", "s", "sessions", "spiegel", "gesprekken"]);

export function pathForLog(pathname: string): string {
  const segments = pathname.split("?")[0].split("#")[0].split("/");
  return segments
    .map((segment, i) => (segment === "" || (ROUTE_WORD.test(segment) && !BEFORE_ID.has(segments[i - 1])) ? segment : ":…"))
    .join("/")
    .slice(0, 200);
}
