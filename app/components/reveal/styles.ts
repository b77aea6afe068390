// The projector reveal's stylesheet. A route that mounts RevealPresentation adds it to its links:
//   export const links: LinksFunction = () => [{ rel: "stylesheet", href: revealStylesHref }];
import href from "~/styles/reveal.css?url";

export const revealStylesHref: string = href;
