// The rater's live panel: a big slider for the focus element, the other three a tap away, and
// one-tap moments. Values go to the outbox; nothing here waits for the network.
import type { ElementId } from "../../core/domain";
import type { LiveClient, LiveState } from "../../realtime/live-client";
import type { RoomElement } from "../../realtime/room-content";
import { RatingSlider } from "../RatingSlider";
import { FocusChooser } from "./FocusChooser";
import { MomentMarker } from "./MomentMarker";
import { SyncStatus } from "./SyncStatus";

export function LiveRating({ client, state, elements }: { client: LiveClient; state: LiveState; elements: RoomElement[] }) {
  const you = state.snapshot!.you;
  const focus: ElementId | null = you.focus;
  const main = elements.find((e) => e.id === focus) ?? null;
  const others = elements.filter((e) => e.id !== main?.id);
  // Moment seqs count from 1, so the highest acked one is how many the server holds.
  const momentCount = Math.max(you.moments.length, state.ackedMomentSeq) + state.pending.moments;
  return (
    <section className="live-rating" aria-labelledby="live-rating-h">
      <h2 id="live-rating-h" className="visually-hidden">
        Jouw beoordeling
      </h2>
      {main ? (
        <div className={`focus-slider card element-card el-${main.id}`}>
          <p className="hint" id={`def-${main.id}`}>
            {main.definition}
          </p>
          <RatingSlider
            label={main.name}
            element={main.id}
            negative={main.negative}
            describedBy={`def-${main.id}`}
            value={state.current[main.id] ?? null}
            onChange={(v) => client.setValue(main.id, v)}
          />
        </div>
      ) : (
        <div className="card">
          <FocusChooser client={client} elements={elements} focus={focus} />
        </div>
      )}
      <details className="other-elements">
        <summary>{main ? "Ook de andere elementen beoordelen" : "De elementen beoordelen"}</summary>
        {others.map((el) => (
          <div key={el.id} className={`card element-card el-${el.id}`}>
            <RatingSlider
              label={el.name}
              element={el.id}
              negative={el.negative}
              value={state.current[el.id] ?? null}
              onChange={(v) => client.setValue(el.id, v)}
            />
          </div>
        ))}
      </details>
      <MomentMarker client={client} elements={elements} count={momentCount} place={you.role === "ervaringsdeskundige" ? "eigen" : "casus"} />
      <SyncStatus state={state} />
    </section>
  );
}
