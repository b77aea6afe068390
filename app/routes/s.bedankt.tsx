// /s/bedankt — where the client lands after answering.
import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Dank je wel — Alliantiekompas" }, { name: "robots", content: "noindex" }];

export default function Thanks() {
  return (
    <main className="spiegel-client">
      <h1>Dank je wel!</h1>
      <p>Je antwoord is opgeslagen. De arbeidsdeskundige ziet het pas samen met de antwoorden van minstens twee andere cliënten.</p>
      <p>Je kunt deze pagina nu sluiten.</p>
    </main>
  );
}
