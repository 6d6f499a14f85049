import { createCodingHistory } from "@concord/anchoring";
import type * as Y from "yjs";

/** What undo and redo would do now, in words for their buttons; null when there is nothing. */
export interface HistoryState {
  readonly undo: string | null;
  readonly redo: string | null;
}

/**
 * One person's undo and redo of their codings in a transcript (never anyone else's), with what each
 * step did: "coding “Funding”", "removing “Barriers”". Pages say what they are about to do with
 * {@link CodingHistory.describeNext}; undoing and redoing carry the words along.
 */
export class CodingHistory {
  private readonly manager: Y.UndoManager;
  private next: string | null = null;
  private readonly listeners = new Set<() => void>();
  private state: HistoryState = { undo: null, redo: null };

  constructor(doc: Y.Doc) {
    this.manager = createCodingHistory(doc);
    this.manager.on("stack-item-added", (event: { stackItem: { meta: Map<string, unknown> } }) => {
      if (!this.manager.undoing && !this.manager.redoing) {
        event.stackItem.meta.set("what", this.next ?? "your last change");
        this.next = null;
      }
      this.changed();
    });
    // Yjs adds the item to the other stack before it says which item it popped: label that one then.
    this.manager.on(
      "stack-item-popped",
      (event: { stackItem: { meta: Map<string, unknown> }; type: string }) => {
        const other = event.type === "undo" ? this.manager.redoStack : this.manager.undoStack;
        other.at(-1)?.meta.set("what", event.stackItem.meta.get("what"));
        this.changed();
      },
    );
    this.manager.on("stack-cleared", () => this.changed());
  }

  /** Says what the next change of one's own codings is, for the undo button that follows it. */
  describeNext(what: string): void {
    this.next = what;
  }

  undo(): void {
    this.manager.undo();
  }

  redo(): void {
    this.manager.redo();
  }

  /** What undo and redo would do now. */
  current(): HistoryState {
    return this.state;
  }

  /** Calls `listener` whenever {@link current} changes; returns how to stop. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.manager.destroy();
    this.listeners.clear();
  }

  private changed(): void {
    const label = (stack: readonly { meta: Map<string, unknown> }[]) => {
      const top = stack.at(-1);
      return top ? String(top.meta.get("what") ?? "your last change") : null;
    };
    const state = { undo: label(this.manager.undoStack), redo: label(this.manager.redoStack) };
    if (state.undo === this.state.undo && state.redo === this.state.redo) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
