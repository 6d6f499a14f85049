import type { CodeEntry } from "@concord/schema";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";

/** The picker shown for a selection: type to filter, Enter to apply, or create a code inline. */
export function CodePicker(props: {
  codes: readonly CodeEntry[];
  recent: readonly string[];
  canCreate: boolean;
  position: { left: number; top: number };
  onApply: (codeId: string) => void;
  onCreate: (name: string) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const usable = props.codes.filter((c) => c.mergedInto === null && !c.archived);
  const matches = query.trim()
    ? usable.filter((c) => c.name.toLowerCase().includes(query.trim().toLowerCase()))
    : props.recent
        .map((id) => usable.find((c) => c.id === id))
        .filter((c): c is CodeEntry => Boolean(c))
        .concat(usable.filter((c) => !props.recent.includes(c.id)));
  const exact = usable.some((c) => c.name.toLowerCase() === query.trim().toLowerCase());
  const options = matches.slice(0, 12);
  const offerCreate = props.canCreate && query.trim() !== "" && !exact;
  const handleKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") props.onClose();
    else if (event.key === "ArrowDown")
      setActive((a) => Math.min(a + 1, options.length - (offerCreate ? 0 : 1)));
    else if (event.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
    else if (event.key === "Enter") {
      event.preventDefault();
      const chosen = options[active];
      if (chosen && active < options.length) props.onApply(chosen.id);
      else if (offerCreate) props.onCreate(query.trim());
    } else return;
    event.stopPropagation();
  };
  return (
    <div
      className="code-picker"
      style={{ left: props.position.left, top: props.position.top }}
      role="dialog"
      aria-label="Apply a code"
    >
      <input
        ref={input}
        aria-label="Find or create a code"
        placeholder="Code this passage…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={handleKey}
      />
      <ul aria-label="Codes">
        {options.map((code, i) => (
          <li key={code.id}>
            <button
              type="button"
              className={i === active ? "active" : ""}
              aria-current={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => props.onApply(code.id)}
            >
              <i className="dot" style={{ background: code.color }} />
              {code.name}
              {props.recent.indexOf(code.id) >= 0 && props.recent.indexOf(code.id) < 9 && (
                <kbd>{props.recent.indexOf(code.id) + 1}</kbd>
              )}
            </button>
          </li>
        ))}
        {options.length === 0 && query.trim() !== "" && !offerCreate && (
          <li className="hint" role="status">
            No code is called “{query.trim()}”
            {props.canCreate ? "." : ", and the codebook is locked: only an owner can add one now."}
          </li>
        )}
        {offerCreate && (
          <li>
            <button
              type="button"
              className={active === options.length ? "active" : ""}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => props.onCreate(query.trim())}
            >
              Create code “{query.trim()}”
            </button>
          </li>
        )}
      </ul>
    </div>
  );
}
