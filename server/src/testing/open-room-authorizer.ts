import type { RoomAuthorizer } from "../sync/room-authorizer";

/** Lets everyone read and write every room: for protocol tests that are not about authorization. */
export const openRoomAuthorizer: RoomAuthorizer = {
  authorize: () => ({ allowed: true, principal: null, access: "read-write" }),
};
