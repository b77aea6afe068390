// The mirror itself, phone first: per element the clients' mean beside the AD's own estimate, the
// gap in words, the trend over releases; then what clients wrote (a release at a time, shuffled on
// every visit) and the tips that fit. Numbers always come with words, never a colour alone.
import { useEffect, useState } from "react";
import { ELEMENT_IDS, type ElementId, type TipId } from "~/core/domain";
import { formatNumber } from "~/core/results";
import { gapLine, type MirrorRead, mirrorTips, RELEASE_BATCH } from "~/core/spiegel";
import { ElementTag } from "../ElementTag";

export interface TipText {
  id: TipId;
  number: number;
  title: string;
  body: string;
}

const dayText = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString("nl-NL", { day: "numeric", month: "short", year: "numeric" });

function Bar({ label, value, kind }: { label: string; value: number | null; kind: "own" | "client" }) {
  return (
    <div className={`spiegel-bar ${kind}`}>
      <span className="spiegel-bar-label">{label}</span>
      <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect x="0" y="0" width="100" height="10" className="track" />
        {value !== null && <rect x="0" y="0" width={value * 10} height="10" className="fill" />}
      </svg>
      <span className="spiegel-bar-value">{value === null ? "nog niet" : formatNumber(value)}</span>
    </div>
  );
}

function ElementCard({ id, name, read }: { id: ElementId; name: string; read: MirrorRead }) {
  const m = read.elements[id];
  const gap = gapLine(id, m);
  return (
    <section className={`card spiegel-element el-${id}`} aria-labelledby={`spiegel-${id}`}>
      <h3 id={`spiegel-${id}`}>
        <ElementTag id={id} name={name} />
        {id === "stroefheid" && <span className="hint"> (hoger = stroever)</span>}
      </h3>
      <Bar label="Jouw inschatting" value={m.own} kind="own" />
      <Bar label={m.n ? `Cliënten (${m.n})` : "Cliënten"} value={m.client} kind="client" />
      {gap && <p className="spiegel-gap">{gap}</p>}
      {read.releases.length > 1 && (
        <p className="spiegel-trend">
          <span className="visually-hidden">Verloop van het gemiddelde van cliënten per vrijgave: </span>
          <span aria-hidden="true">Verloop: </span>
          {read.releases.map((r, i) => (
            <span key={i}>
              {i > 0 && " → "}
              <strong>{formatNumber(r.client[id])}</strong> <span className="muted">({dayText(r.date)})</span>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

/** Fisher–Yates with the browser's random: the order of remarks says nothing about who wrote what. */
function shuffled<T>(xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function Remarks({ releases }: { releases: MirrorRead["releases"] }) {
  // Shuffled after hydration only, so the server's and the browser's first render agree.
  const [order, setOrder] = useState<string[][]>(() => releases.map((r) => r.opmerkingen));
  useEffect(() => setOrder(releases.map((r) => shuffled(r.opmerkingen))), [releases]);
  const newestFirst = releases.map((r, i) => ({ ...r, i })).reverse();
  if (!releases.some((r) => r.opmerkingen.length)) return <p>Nog geen opmerkingen van cliënten.</p>;
  return (
    <>
      {newestFirst.map((r, k) => (
        <details key={r.i} open={k === 0} className="spiegel-remarks">
          <summary>
            Vrijgave van {dayText(r.date)}: {r.opmerkingen.length} {r.opmerkingen.length === 1 ? "opmerking" : "opmerkingen"} van {r.n} cliënten
          </summary>
          <ul>
            {(order[r.i] ?? r.opmerkingen).map((text, j) => (
              <li key={j}>{text}</li>
            ))}
          </ul>
        </details>
      ))}
    </>
  );
}

export function MirrorView({ read, names, tips }: { read: MirrorRead; names: Record<ElementId, string>; tips: TipText[] }) {
  const fitting = read.released ? mirrorTips(read.elements).map((id) => tips.find((t) => t.id === id)).filter((t): t is TipText => Boolean(t)) : [];
  return (
    <>
      <p className="spiegel-summary">
        {read.gesprekken} {read.gesprekken === 1 ? "gesprek" : "gesprekken"} geregistreerd · {read.released} {read.released === 1 ? "antwoord" : "antwoorden"} van
        cliënten vrijgegeven
      </p>
      {read.untilFirstRelease !== null && (
        <p className="alert warn spiegel-wait">
          <strong>
            Nog {read.untilFirstRelease} {read.untilFirstRelease === 1 ? "antwoord" : "antwoorden"} tot de eerste vrijgave.
          </strong>{" "}
          Antwoorden van cliënten komen pas per {RELEASE_BATCH} of meer tegelijk in je spiegel, zodat je nooit één antwoord los ziet.
          {read.gesprekken === 0 && " Registreer eerst een gesprek."}
        </p>
      )}
      <h2>Per element</h2>
      <p className="hint">Jouw inschatting is het gemiddelde over al je geregistreerde gesprekken, ook die waar (nog) geen antwoord op kwam.</p>
      <div className="spiegel-elements">
        {ELEMENT_IDS.map((id) => (
          <ElementCard key={id} id={id} name={names[id]} read={read} />
        ))}
      </div>
      {read.released > 0 && (
        <>
          <h2>Wat cliënten schreven</h2>
          <p className="hint">Per vrijgave, in willekeurige volgorde: de volgorde zegt niets over wie wat schreef.</p>
          <Remarks releases={read.releases} />
          <h2>Tips die hierbij passen</h2>
          <ul className="spiegel-tips">
            {fitting.map((t) => (
              <li key={t.id}>
                <a href={`/tips#${t.id}`}>
                  <strong>
                    Tip {t.number}. {t.title}
                  </strong>
                </a>
                <p>{t.body}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
