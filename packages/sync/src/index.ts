export { CloseCode, isFinalCloseCode } from "./close-codes";
export { type Access, Connection, type ConnectionIdentity } from "./connection";
export { type LogFields, type Logger, silentLogger, withFields } from "./logger";
export { createMemoryStorage } from "./memory-storage";
export { decodePresence, encodePresence, type PresenceEntry } from "./presence-guard";
export {
  type ClientMessage,
  decodeClientMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  MessageType,
  ProtocolError,
  SyncMessageType,
} from "./protocol";
export { type PresenceShown, Room, type RoomOptions } from "./room";
export { RoomRegistry, type RoomRegistryOptions, type SocketSession } from "./room-registry";
export type { SyncSocket } from "./socket";
export type { DocumentStorage, StoredDocument } from "./storage";
export { documentFromStorage } from "./stored-document";
export {
  type ContentValue,
  type Deletion,
  IncompleteUpdate,
  type Insertion,
  MalformedUpdate,
  readUpdateChanges,
  type TypeKind,
  type TypePlace,
  type UpdateChanges,
} from "./update-changes";
export {
  type ClientLog,
  createMemoryClientLog,
  createMemoryRefusalLog,
  type PolicyVerdict,
  type RefusalLog,
  type RefusedWrite,
  type UpdatePolicy,
} from "./update-policy";
