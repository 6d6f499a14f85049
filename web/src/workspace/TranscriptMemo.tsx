import { useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { MemoPanel } from "./MemoPanel";

/** The transcript's memo, folded away; its editor is made when it is opened, not while the transcript loads. */
export function TranscriptMemo(props: {
  doc: Y.Doc;
  awareness: Awareness | null;
  userId: string;
  editable: boolean;
  nameOf: (userId: string) => string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="transcript-memo" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Transcript memo</summary>
      {open && (
        <MemoPanel
          doc={props.doc}
          memo="transcript"
          awareness={props.awareness}
          userId={props.userId}
          editable={props.editable}
          title="Transcript memo"
          nameOf={props.nameOf}
        />
      )}
    </details>
  );
}
