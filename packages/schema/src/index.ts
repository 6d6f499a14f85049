export { can, hasAtLeast, isRole, Permission, Role, roles } from "./roles";
export { type ProjectState, type RoomAccess, roomAccess } from "./room-access";
export { formatRoomName, isId, parseRoomName, type RoomName } from "./room-names";
