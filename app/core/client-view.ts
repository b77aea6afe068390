// The two references of a casus, and how the pages name them. Both are written by the makers: the
// expert reference (how a professional would rate the gesprek) and the client view (how the client
// in it would probably experience it). Neither is an ervaringsdeskundige's judgement, and the pages
// say so in the same words everywhere (docs/decisions/019-client-view-reference.md).
import type { ElementId } from "./domain";

export const EXPERT_REFERENCE_NAME = "Vakreferentie";
export const CLIENT_VIEW_NAME = "Cliëntblik";

/** Shown wherever the client view appears: who wrote it and who did not. */
export const CLIENT_VIEW_LABEL =
  "Zo beleeft de cliënt het waarschijnlijk — geschreven door de makers, geen oordeel van een ervaringsdeskundige.";

/** Per element: the expert reference and the written client view. */
export interface ReferencePair {
  reference: number;
  clientView: number;
}

/**
 * One plain Dutch sentence on how the client view differs from the expert reference, aware that
 * stroefheid is the negative element. Null when they lie within a point of each other.
 */
export function clientViewDifference(elementId: ElementId, name: string, pair: ReferencePair): string | null {
  const diff = pair.clientView - pair.reference;
  if (Math.abs(diff) <= 1) return null;
  const points = `${Math.abs(diff)} punten`;
  if (elementId === "stroefheid") {
    return diff > 0
      ? `De cliënt ervaart waarschijnlijk ${points} meer stroefheid dan de vakreferentie aangeeft.`
      : `De cliënt ervaart waarschijnlijk ${points} minder stroefheid dan de vakreferentie aangeeft.`;
  }
  return `De cliënt beleeft ${name} waarschijnlijk ${points} ${diff > 0 ? "hoger" : "lager"} dan de vakreferentie.`;
}

/**
 * What the reveal says about the written client view in this room. Ervaringsdeskundigen who rated
 * are the real client view here; the written one is then only the makers' estimate. Whether their
 * group mean may be shown follows the small-group rule (decision 013): `edShown`.
 */
export function clientViewRoomLine(edCount: number, edShown: boolean): string {
  if (edCount === 0) {
    return "Er beoordeelden geen ervaringsdeskundigen mee. De cliëntblik is een schatting van de makers; bespreek of de groep die herkent.";
  }
  if (edCount === 1) {
    const shown = edShown
      ? "Die score staat hieronder naast de geschreven cliëntblik."
      : "Die score staat niet apart, zodat niemand herkenbaar is; vraag de ervaringsdeskundige zelf hoe het gesprek overkwam.";
    return `Eén ervaringsdeskundige beoordeelde mee: die is de echte cliëntblik in deze ruimte. De geschreven cliëntblik is alleen een schatting van de makers. ${shown}`;
  }
  const shown = edShown
    ? "Hun gemiddelde staat hieronder naast de geschreven cliëntblik."
    : "Hun gemiddelde staat niet apart, zodat niemand herkenbaar is; vraag hen zelf hoe zij het zagen.";
  return `${edCount} ervaringsdeskundigen beoordeelden mee: zij zijn de echte cliëntblik in deze ruimte. De geschreven cliëntblik is alleen een schatting van de makers. ${shown}`;
}
