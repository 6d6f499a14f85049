import type { CodeEntry } from "@concord/schema";
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Autocomplete, Input, ListBox, ListBoxItem, TextField } from "react-aria-components";

/** The option that creates a code of the typed name (code ids never hold a "+"). */
const CREATE = "+create";

/**
 * The picker shown for a selection: a combobox (React Aria's autocomplete over a list box) that
 * filters the codebook as one types, puts recent codes first, applies the highlighted code on Enter
 * and offers to create a code of the typed name.
 */
export function CodePicker(props: {
  codes: readonly CodeEntry[];
  recent: readonly string[];
  canCreate: boolean;
  /** Where it may go: below the selection's last line, or (when that runs off the view) above it. */
  position: { left: number; below: number; above: number };
  onApply: (codeId: string) => void;
  onCreate: (name: string) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(props.position.below);
  useEffect(() => input.current?.focus(), []);
  // Below the passage, so it stays readable; above it when the list would run off the view.
  useLayoutEffect(() => {
    const element = box.current;
    const frame = element?.offsetParent;
    if (!element || !(frame instanceof HTMLElement)) return;
    const visibleBottom = frame.scrollTop + frame.clientHeight;
    const fitsBelow = props.position.below + element.offsetHeight <= visibleBottom;
    setTop(
      fitsBelow
        ? props.position.below
        : Math.max(frame.scrollTop, props.position.above - element.offsetHeight),
    );
  });
  const typed = query.trim();
  const usable = props.codes.filter((c) => c.mergedInto === null && !c.archived);
  const matches = typed
    ? usable.filter((c) => c.name.toLowerCase().includes(typed.toLowerCase()))
    : props.recent
        .map((id) => usable.find((c) => c.id === id))
        .filter((c): c is CodeEntry => Boolean(c))
        .concat(usable.filter((c) => !props.recent.includes(c.id)));
  const exact = usable.some((c) => c.name.toLowerCase() === typed.toLowerCase());
  const offerCreate = props.canCreate && typed !== "" && !exact;
  const options = matches.slice(0, 12);
  const handleKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      props.onClose();
    } else if (event.key === "Enter" && !input.current?.getAttribute("aria-activedescendant")) {
      // Nothing is highlighted until an arrow key moves there: Enter takes the first option, which
      // is drawn as the one it will take.
      event.preventDefault();
      const first = options[0];
      if (first) props.onApply(first.id);
      else if (offerCreate) props.onCreate(typed);
    }
  };
  return (
    <div
      ref={box}
      className="code-picker"
      style={{ left: props.position.left, top }}
      role="dialog"
      aria-label="Apply a code"
    >
      <Autocomplete inputValue={query} onInputChange={setQuery} disableAutoFocusFirst>
        <TextField aria-label="Find or create a code" onKeyDown={handleKey}>
          <Input ref={input} placeholder="Code this passage…" />
        </TextField>
        <ListBox
          aria-label="Codes"
          className="code-options"
          onAction={(key) => (key === CREATE ? props.onCreate(typed) : props.onApply(String(key)))}
          renderEmptyState={() => (
            <p className="hint" role="status">
              {typed
                ? `No code is called “${typed}”${props.canCreate ? "." : ", and the codebook is locked: only an owner can add one now."}`
                : "The codebook has no codes yet."}
            </p>
          )}
        >
          {options.map((code) => {
            const key = props.recent.indexOf(code.id);
            return (
              <ListBoxItem key={code.id} id={code.id} textValue={code.name} className="code-option">
                <i className="dot" style={{ background: code.color }} />
                {code.name}
                {key >= 0 && key < 9 && <kbd aria-label={`key ${key + 1}`}>{key + 1}</kbd>}
              </ListBoxItem>
            );
          })}
          {offerCreate && (
            <ListBoxItem id={CREATE} textValue={`Create code “${typed}”`} className="code-option">
              Create code “{typed}”
            </ListBoxItem>
          )}
        </ListBox>
      </Autocomplete>
    </div>
  );
}
