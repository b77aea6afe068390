// The rooms held in memory, found by session id and by join code.
import type { Room } from "./room";

export class Registry {
  readonly #byId = new Map<string, Room>();
  readonly #byCode = new Map<string, Room>();

  add(room: Room): void {
    this.#byId.set(room.id, room);
    this.#byCode.set(room.state.doc.code, room);
  }

  remove(room: Room): void {
    this.#byId.delete(room.id);
    this.#byCode.delete(room.state.doc.code);
  }

  /** Whether a room with this session id is held (deleted ones are not). */
  holds(id: string): boolean {
    return this.#byId.has(id);
  }

  byId(id: string): Room | undefined {
    return this.#byId.get(id);
  }

  /** By the code exactly as stored (Rooms.byCode takes it as someone typed it). */
  byCode(code: string): Room | undefined {
    return this.#byCode.get(code);
  }

  codeTaken(code: string): boolean {
    return this.#byCode.has(code);
  }

  get size(): number {
    return this.#byId.size;
  }

  get codeCount(): number {
    return this.#byCode.size;
  }

  values(): IterableIterator<Room> {
    return this.#byId.values();
  }
}
