// Server-side search across modules, vignettes and the sections of the facilitator's guide. Accent-insensitive ("cliënt" finds "client"),
// every word of the query must occur; title hits rank above body hits.

export interface SearchDocument {
  kind: "module" | "casus" | "handleiding";
  slug: string;
  title: string;
  summary: string;
  body: string;
}

export interface SearchHit {
  kind: SearchDocument["kind"];
  slug: string;
  title: string;
  snippet: string;
  score: number;
}

export function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
}

interface Indexed {
  doc: SearchDocument;
  title: string;
  summary: string;
  body: string;
}

export class SearchIndex {
  readonly #docs: Indexed[];
  constructor(docs: SearchDocument[]) {
    this.#docs = docs.map((doc) => ({
      doc,
      title: normalise(doc.title),
      summary: normalise(doc.summary),
      body: normalise(doc.body),
    }));
  }

  search(query: string, limit = 30): SearchHit[] {
    const words = normalise(query)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 2)
      .slice(0, 8);
    if (words.length === 0) return [];
    const hits: SearchHit[] = [];
    for (const entry of this.#docs) {
      let score = 0;
      let allFound = true;
      for (const word of words) {
        const inTitle = entry.title.includes(word);
        const inSummary = entry.summary.includes(word);
        const inBody = entry.body.includes(word);
        if (!inTitle && !inSummary && !inBody) {
          allFound = false;
          break;
        }
        score += (inTitle ? 10 : 0) + (inSummary ? 4 : 0) + (inBody ? 1 : 0);
      }
      if (!allFound) continue;
      hits.push({ kind: entry.doc.kind, slug: entry.doc.slug, title: entry.doc.title, snippet: snippet(entry, words[0]), score });
    }
    return hits.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, "nl")).slice(0, limit);
  }
}

/** Text around the first hit. NFD normalising can change lengths, so map back by character. */
function snippet(entry: Indexed, word: string): string {
  const source = entry.doc.body.replace(/\s+/g, " ");
  const folded = normalise(source);
  const at = folded.indexOf(word);
  if (at < 0 || folded.length !== source.length) return entry.doc.summary;
  const start = Math.max(0, at - 60);
  const end = Math.min(source.length, at + word.length + 100);
  return `${start > 0 ? "…" : ""}${source.slice(start, end).trim()}${end < source.length ? "…" : ""}`;
}
