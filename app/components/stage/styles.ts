// The stylesheets of the host's two screens: the live room, the results, and the projector's own.
import { revealStylesHref } from "~/components/reveal/styles";
import { resultsStylesHref } from "~/components/results/styles";
import liveCss from "~/styles/live.css?url";
import projectorCss from "~/styles/projector.css?url";
import spiegelShareCss from "~/styles/spiegel-share.css?url";

export const stageLinks = [
  { rel: "stylesheet", href: liveCss },
  { rel: "stylesheet", href: resultsStylesHref },
  { rel: "stylesheet", href: revealStylesHref },
  { rel: "stylesheet", href: projectorCss },
  { rel: "stylesheet", href: spiegelShareCss },
];
