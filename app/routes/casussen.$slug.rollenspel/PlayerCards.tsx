import type { PlayerCard } from "./set";

/** One card per player, each printed on its own page: nobody reads another role's card. */
export function PlayerCards({ cards, setting, casus }: { cards: PlayerCard[]; setting: string; casus: string }) {
  return (
    <>
      {cards.map((card) => (
        <section key={card.role} className="card briefing" aria-labelledby={`briefing-${card.role}`} data-role={card.role}>
          <p className="card-kind">{`Spelerskaart · ${casus}`}</p>
          <h2 id={`briefing-${card.role}`}>{card.heading}</h2>
          <p className="muted">{setting}</p>
          {card.parts.map((part) => (
            <div key={part.title}>
              <h3>{part.title}</h3>
              <p>{part.text}</p>
            </div>
          ))}
          <p className="muted card-foot">Alleen voor jou: laat je kaart niet aan de andere spelers zien.</p>
        </section>
      ))}
    </>
  );
}
