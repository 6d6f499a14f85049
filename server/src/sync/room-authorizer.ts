import type { Access } from "@concord/sync";
import type { Context } from "hono";

/** What the server decided about one connection attempt, before any document data moves. */
export type RoomDecision =
  | {
      readonly allowed: true;
      readonly principal: string | null;
      readonly credential?: string | null;
      readonly access: Access;
      /** Whether the credential it came with is still good (a session not expired, a token not revoked). */
      readonly stillSignedIn?: () => boolean;
    }
  | { readonly allowed: false; readonly code: number; readonly reason: string };

/** Decides who may open which room. Accounts and memberships plug in here. */
export interface RoomAuthorizer {
  authorize(c: Context, room: string): Promise<RoomDecision> | RoomDecision;
}
