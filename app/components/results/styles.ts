// The reveal's stylesheet. A route that mounts ResultsView adds it to its links:
//   export const links: LinksFunction = () => [{ rel: "stylesheet", href: resultsStylesHref }];
import href from "~/styles/results.css?url";

export const resultsStylesHref: string = href;
