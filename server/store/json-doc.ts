// A lowdb document that refuses to load anything but what its schema describes. lowdb on its own
// would treat an empty file or the JSON `null` as "no data" and carry on with defaults; here such
// a file stops the load with a StoreError naming it, so a damaged file is never silently replaced.
import { existsSync } from "node:fs";
import path from "node:path";
import { Low } from "lowdb";
import { TextFile } from "lowdb/node";
import type { z } from "zod";
import { describeZodError } from "../../app/core/zod-errors";
import { syncPath } from "./group-commit";

export class StoreError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    /** Met while the server runs (a log read on a session's first use): that session stops, not the server. */
    running = false,
  ) {
    super(
      `Gegevensbestand ${file} is onbruikbaar: ${reason}. ${running ? "Deze sessie is niet te gebruiken tot het bestand hersteld of verwijderd is; de rest van de server draait door." : "De server start niet om verlies te voorkomen; herstel of verwijder het bestand."}`,
    );
    this.name = "StoreError";
  }

  /** The same damage, as met while the server runs. */
  whileRunning(): StoreError {
    return new StoreError(this.file, this.reason, true);
  }
}

/**
 * What a user is told when a session's stored data cannot be read while the server runs (a log is
 * read on first use, docs/decisions/028). The file and the reason go to the server's log only.
 */
export const DAMAGED_SESSION_MESSAGE =
  "De opgeslagen gegevens van deze sessie zijn beschadigd en kunnen niet worden gelezen. Er is niets veranderd; de beheerder van de server kan ze herstellen.";

class ValidatingJsonFile<T> {
  readonly #text: TextFile;
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
  ) {
    this.#text = new TextFile(file);
  }

  async read(): Promise<T | null> {
    const text = await this.#text.read();
    if (text === null) return null;
    if (text.trim() === "") throw new StoreError(this.file, "het bestand is leeg");
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new StoreError(this.file, `geen geldige JSON (${(error as Error).message})`);
    }
    const result = this.schema.safeParse(raw);
    if (!result.success) {
      throw new StoreError(this.file, `onverwachte inhoud bij ${describeZodError(result.error, "(bestand)")}`);
    }
    return result.data;
  }

  write(data: T): Promise<void> {
    // steno writes a temp file and renames it over the old one: a crash leaves old or new, never half.
    return this.#text.write(JSON.stringify(data));
  }
}

export interface JsonDoc<T> {
  readonly file: string;
  data: T;
  write(): Promise<void>;
}

/**
 * Writes the document so that it survives a power loss: lowdb (steno) writes a temp file and
 * renames it; the file and then its folder (the rename) are synced, through the thread pool.
 */
export async function writeDurably(doc: JsonDoc<unknown>): Promise<void> {
  await doc.write();
  await syncPath(doc.file);
  await syncPath(path.dirname(doc.file));
}

/** Opens (or, when absent, starts with `initial`) a validated JSON document. */
export async function openJsonDoc<T>(file: string, schema: z.ZodType<T>, initial: () => T): Promise<JsonDoc<T>> {
  const adapter = new ValidatingJsonFile(file, schema);
  const db = new Low<T>(adapter, initial());
  const existed = existsSync(file);
  await db.read();
  if (existed && db.data === null) throw new StoreError(file, "geen gegevens");
  return {
    file,
    get data() {
      return db.data;
    },
    set data(value: T) {
      db.data = value;
    },
    write: () => db.write(),
  };
}
