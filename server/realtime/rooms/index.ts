// The live rooms (server/realtime/rooms/): what the handlers, the HTTP routes and the tests import.
// One module per concern; rooms.ts is the façade that owns the state (docs/decisions/026).
export { Rooms } from "./rooms";
export { hostRoom, type LiveServer, type LiveSocket, type Room, type RoomsDeps, sessionRoom, type SocketData } from "./room";
export { replay } from "./records";
export { lastActivity, type SessionEntry } from "./registry";
export { storedSamples } from "../../store/stored-samples";
export { hashToken } from "./tokens";
