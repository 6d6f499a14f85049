/**
 * Room names are ids joined by dots (`project.<id>`, `transcript.<id>`, …). The stock client puts
 * the name in the URL path unencoded, so only URL-safe id characters are allowed.
 */
const ROOM_NAME = /^[a-z]+(\.[A-Za-z0-9_-]{1,64}){1,3}$/;

/** Whether `name` is a well-formed room name. */
export function isRoomName(name: string): boolean {
  return ROOM_NAME.test(name);
}
