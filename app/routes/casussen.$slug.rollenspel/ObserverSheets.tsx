import type { ObserverSheet } from "./set";

/** An observation sheet per element: the casus' focus, then each behaviour with room for the time and the words. */
export function ObserverSheets({ sheets, groupQuestion, casus }: { sheets: ObserverSheet[]; groupQuestion: string; casus: string }) {
  return (
    <>
      {sheets.map((sheet) => (
        <section
          key={sheet.element}
          className={`card briefing observer-sheet element-${sheet.element}`}
          aria-labelledby={`kijkblad-${sheet.element}`}
          data-role={`observator-${sheet.element}`}
        >
          <p className="card-kind">{`Kijkblad voor een observator · ${casus}`}</p>
          <h2 id={`kijkblad-${sheet.element}`}>{`Kijkblad ${sheet.name}`}</h2>
          <p className="muted">Vraag aan de groep: {groupQuestion}</p>
          <h3>Let in dit gesprek op</h3>
          <p>{sheet.focus}</p>
          <h3>{sheet.negative ? "Signalen van stroefheid" : "Gedrag dat het element opbouwt"}</h3>
          <p className="muted">
            {sheet.negative
              ? "Vink aan wat je ziet gebeuren. Noteer de tijd en wat er gezegd werd; een signaal is aanleiding voor gesprek, geen oordeel over een speler."
              : "Vink aan wat je ziet gebeuren. Noteer de tijd en wat er gezegd werd, zo letterlijk als het lukt."}
          </p>
          <ul className="observe-list">
            {sheet.items.map((item) => (
              <li key={item.id} data-behaviour={item.id}>
                <span className="tick-box" aria-hidden="true" />
                <div>
                  <strong>{item.label}</strong>
                  <span className="observe-description">{item.description}</span>
                  <span className="write-line">
                    <span>Tijd</span>
                    <span>Wat werd er gezegd</span>
                  </span>
                </div>
              </li>
            ))}
          </ul>
          <h3>Wat viel je verder op?</h3>
          <div className="write-area" aria-hidden="true" />
        </section>
      ))}
    </>
  );
}
