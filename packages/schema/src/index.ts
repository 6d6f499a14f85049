export { can, hasAtLeast, isRole, Permission, Role, roles } from "./roles";
export { formatRoomName, isId, parseRoomName, type RoomName } from "./room-names";
