// The cards of a role-play: one per player, holding only what that player may know. The print page
// and the host's live panel both show these, so the wording lives here once.
import type { CaseFile } from "./content-schema";

export interface PlayerCard {
  /** "client", "ad" or the speaker id of a third party. */
  role: string;
  /** Short, for a list: "Cliënt (Dennis)". */
  label: string;
  /** "Briefing voor wie de cliënt speelt (Dennis)". */
  heading: string;
  parts: { title: string; text: string }[];
}

/** Every player's card, client first, then the AD, then each third party in the order of speakers. */
export function playerCards(c: CaseFile): PlayerCard[] {
  if (!c.roleplay) return [];
  const { client, ad, thirdParties } = c.roleplay;
  const nameOf = (role: "client" | "ad") => c.speakers.find((s) => s.role === role)?.name;
  const called = (name: string | undefined) => (name ? ` (${name})` : "");
  const cards: PlayerCard[] = [
    {
      role: "client",
      label: `Cliënt${called(nameOf("client"))}`,
      heading: `Briefing voor wie de cliënt speelt${called(nameOf("client"))}`,
      parts: [
        { title: "Jouw situatie", text: client.situation },
        { title: "Wat je voelt", text: client.feels },
        { title: "Wat je (nog) niet vertelt", text: client.holdsBack },
        { title: "Wanneer je meer vertelt", text: client.opensUp },
      ],
    },
    {
      role: "ad",
      label: `Arbeidsdeskundige${called(nameOf("ad"))}`,
      heading: `Briefing voor wie de arbeidsdeskundige speelt${called(nameOf("ad"))}`,
      parts: [
        { title: "De situatie", text: ad.situation },
        { title: "Je opdracht", text: ad.task },
        { title: "Let op", text: ad.watchFor },
      ],
    },
  ];
  for (const speaker of c.speakers.filter((s) => s.role === "derde")) {
    const card = thirdParties.find((t) => t.speaker === speaker.id);
    if (!card) continue;
    const name = speaker.name.replace(/\s*\(.*\)$/, "");
    cards.push({
      role: speaker.id,
      label: name,
      heading: `Briefing voor wie ${name} speelt`,
      parts: [
        { title: "Jouw situatie", text: card.situation },
        { title: "Wat je voelt", text: card.feels },
        { title: "Zo speel je het", text: card.task },
        ...(card.holdsBack ? [{ title: "Wat je voor je houdt", text: card.holdsBack }] : []),
      ],
    });
  }
  return cards;
}
