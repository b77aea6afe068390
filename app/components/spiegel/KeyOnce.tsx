// The personal key, shown once right after the mirror is made: as a link and as words to write
// down. The server keeps only a hash of it, so nobody can show it again.
import { useState } from "react";
import { keyToWords } from "~/core/spiegel-key";
import { keyLink } from "./device";

export function KeyOnce({ spiegelKey, onDone }: { spiegelKey: string; onDone: () => void }) {
  const words = keyToWords(spiegelKey) ?? [];
  const link = keyLink(window.location.origin, spiegelKey);
  const [copied, setCopied] = useState<string | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("De link staat op je klembord.");
    } catch {
      setCopied("Kopiëren lukt hier niet: selecteer de link en kopieer hem zelf.");
    }
  }
  return (
    <section className="card spiegel-key" aria-labelledby="sleutel-titel">
      <h2 id="sleutel-titel">Je persoonlijke sleutel: bewaar hem nu</h2>
      <p>
        Met deze sleutel open je je spiegel, ook op een ander apparaat. We laten hem <strong>één keer</strong> zien: wij bewaren
        alleen een versleutelde vingerafdruk en kunnen hem je later niet opnieuw geven.
      </p>
      <h3>Als woorden, om op te schrijven</h3>
      <ol className="spiegel-words" aria-label="De 16 woorden van je sleutel, op volgorde">
        {words.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ol>
      <h3>Als link, om in je wachtwoordkluis te bewaren</h3>
      <p className="spiegel-link">
        <a href={link}>{link}</a>
      </p>
      <div className="actions">
        <button type="button" className="secondary" onClick={copy}>
          Kopieer de link
        </button>
        <button type="button" onClick={onDone}>
          Ik heb mijn sleutel bewaard
        </button>
      </div>
      <p role="status" className="hint">
        {copied}
      </p>
      <p className="hint">Deel de sleutel met niemand: wie hem heeft, kan je spiegel lezen en wissen.</p>
    </section>
  );
}
