import { useEffect, useRef } from "react";
import type * as Y from "yjs";
import { textEdit } from "./text-edit";

/**
 * A plain text field bound to a Y.Text: what one person types reaches everyone's field as they type
 * it, and what others type arrives in place (the caret kept where it was, moved by what came before it).
 */
export function SharedTextArea(props: {
  text: Y.Text | null;
  readOnly: boolean;
  label: string;
  maxLength: number;
}) {
  const field = useRef<HTMLTextAreaElement>(null);
  const { text } = props;
  useEffect(() => {
    const element = field.current;
    if (!element) return;
    // An item whose rationale is not open yet shows nothing, never the last item's words.
    element.value = text ? text.toString() : "";
    if (!text) return;
    const update = (event: Y.YTextEvent) => {
      if (event.transaction.local) return;
      const start = element.selectionStart;
      const before = element.value;
      const after = text.toString();
      const edit = textEdit(before, after);
      element.value = after;
      // A remote edit before the caret moves it by what it added or took away.
      const shift = edit.at < start ? edit.insert.length - Math.min(edit.remove, start - edit.at) : 0;
      element.setSelectionRange(start + shift, start + shift);
    };
    text.observe(update);
    return () => text.unobserve(update);
  }, [text]);
  return (
    <textarea
      ref={field}
      aria-label={props.label}
      readOnly={props.readOnly || !text}
      maxLength={props.maxLength}
      rows={4}
      className="rationale"
      onInput={(event) => {
        if (!text) return;
        const { at, remove, insert } = textEdit(text.toString(), event.currentTarget.value);
        text.doc?.transact(() => {
          if (remove > 0) text.delete(at, remove);
          if (insert) text.insert(at, insert);
        });
      }}
    />
  );
}
