import * as prng from "lib0/prng";
import type { RoomRegistry } from "../room-registry";
import type { TestClient } from "./test-client";

/**
 * Moves queued messages between `clients` and the server until nothing is left in flight. With a
 * `random` generator the next message is picked at random across all clients (each socket still
 * delivers in order, as TCP does); without one, clients take turns.
 */
export async function settle(
  registry: RoomRegistry,
  clients: readonly TestClient[],
  random?: prng.PRNG,
): Promise<void> {
  for (let round = 0; round < 100_000; round++) {
    const busy = clients.filter(
      (client) => !client.closedWith && (client.inbox.length > 0 || client.outbox.length > 0),
    );
    if (busy.length === 0) {
      await registry.settled();
      // Flushing can broadcast; stop only when that produced nothing new.
      if (
        clients.every(
          (client) => client.closedWith || (client.inbox.length === 0 && client.outbox.length === 0),
        )
      ) {
        return;
      }
      continue;
    }
    const client = random ? prng.oneOf(random, busy) : (busy[round % busy.length] as TestClient);
    const sendFirst = random ? prng.bool(random) : client.outbox.length > 0;
    if (!(sendFirst ? client.sendOne() : client.receiveOne())) {
      if (sendFirst) client.receiveOne();
      else client.sendOne();
    }
    // Let the room's storage promises resolve between deliveries, as a real event loop would.
    if (round % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error("messages kept flowing; the clients never settled");
}
