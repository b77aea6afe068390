// /casussen/:slug/rollenspel — everything a group needs to play a casus in the room, printable one
// page per person: the facilitator's run sheet, a card per player, an observation sheet per element.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PrintButton } from "~/components/PrintButton";
import { LABELS } from "~/core/domain";
import { playerCards } from "~/core/roleplay";
import { notFound } from "~/http";
import { ObserverSheets } from "./ObserverSheets";
import { PlayerCards } from "./PlayerCards";
import { RunSheet } from "./RunSheet";
import type { ObserverSheet, RunStep } from "./set";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Rollenspel: ${data.title} — Alliantiekompas` : "Niet gevonden — Alliantiekompas" },
];

export function loader({ params, context }: LoaderFunctionArgs) {
  const { cases, elements, roleplayGuide } = context.services.content;
  const c = cases.find((x) => x.slug === params.slug);
  if (!c || !c.roleplay) notFound(`Er is geen rollenspel bij "${params.slug}".`);
  const { roleplay } = c;
  const applicable = new Set(c.applicableBehaviours);
  const sheets: ObserverSheet[] = elements.elements.map((e) => ({
    element: e.id,
    name: e.name,
    negative: e.polarity === "negatief",
    focus: roleplay.observers[e.id],
    // Behaviours this gesprek cannot show stay off the sheet (docs/decisions/015); every friction signal can.
    items: e.behaviours.filter((b) => e.polarity === "negatief" || applicable.has(b.id)).map(({ id, label, description }) => ({ id, label, description })),
  }));
  const steps: RunStep[] = [
    { title: "Lezen: ieder de eigen kaart", minutes: roleplay.readingMinutes },
    { title: "Spelen", minutes: roleplayGuide.playingMinutes },
    { title: "Uit de rol stappen", minutes: roleplayGuide.deroling.minutes },
    { title: "Nabespreken", minutes: roleplayGuide.debrief.minutes },
  ];
  const { summary, deroling, debrief, html } = roleplayGuide;
  return {
    slug: c.slug,
    title: c.title,
    setting: `${LABELS.setting[c.setting]} — ${c.phaseDetail}`,
    cards: playerCards(c),
    sheets,
    steps,
    guide: { summary, deroling, debrief, html },
    groupQuestion: c.groupQuestion,
  };
}

export default function Roleplay() {
  const { slug, title, setting, cards, sheets, steps, guide, groupQuestion } = useLoaderData<typeof loader>();
  const pages = 1 + cards.length + sheets.length;
  return (
    <article className="roleplay">
      <p className="breadcrumb no-print">
        <Link to="/casussen">Casussen</Link> › <Link to={`/casussen/${slug}`}>{title}</Link> › Rollenspel
      </p>
      <h1>Rollenspel: {title}</h1>
      <div className="no-print">
        <p className="lead">{guide.summary}</p>
        <p>
          {`Deze casus heeft ${cards.length} spelers en een kijkblad voor elk van de vier elementen. De printer zet alles op ${pages} losse pagina's: `}
          het draaiboek voor jou, een kaart per speler en de kijkbladen voor de observatoren. Geef ieder alleen het eigen blad.
        </p>
        <div className="actions">
          <PrintButton label="Kaarten en kijkbladen printen" />
        </div>
        <nav className="roleplay-toc" aria-label="Onderdelen">
          <a href="#draaiboek">Draaiboek</a>
          {cards.map((card) => (
            <a key={card.role} href={`#briefing-${card.role}`}>
              {card.label}
            </a>
          ))}
          {sheets.map((sheet) => (
            <a key={sheet.element} href={`#kijkblad-${sheet.element}`}>{`Kijkblad ${sheet.name}`}</a>
          ))}
        </nav>
      </div>
      <RunSheet steps={steps} guide={guide} casus={title} />
      <h2 className="no-print roleplay-part">Kaarten voor de spelers</h2>
      <PlayerCards cards={cards} setting={setting} casus={title} />
      <h2 className="no-print roleplay-part">Voor de observatoren</h2>
      <ObserverSheets sheets={sheets} groupQuestion={groupQuestion} casus={title} />
    </article>
  );
}
