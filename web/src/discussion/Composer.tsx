import { MAX_COMMENT_LENGTH } from "@concord/discussion";
import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { FormError } from "../components/FormError";
import { useAction } from "../components/use-action";
import { mentionsIn } from "./discussion-api";

/** Someone who can be mentioned. */
export interface Person {
  readonly userId: string;
  readonly name: string;
}

/** The `@word` being typed just before the caret, if any. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - (match[2]?.length ?? 0) - 1, query: match[2] ?? "" };
}

/**
 * Where a comment is written: Markdown-lite text, `@` to mention a member (with suggestions),
 * Ctrl+Enter to send. The draft survives a reload and a failed send, so nothing typed is lost.
 */
export function Composer(props: {
  label: string;
  draftKey: string;
  members: readonly Person[];
  submitLabel: string;
  initial?: string;
  onSubmit: (body: string, mentions: string[]) => Promise<void>;
  onCancel?: () => void;
  /** Told when the person starts or stops typing here (for "… is replying"). */
  onTyping?: (typing: boolean) => void;
  /** Takes the focus when it appears (a new thread someone has just asked for). */
  focusOnOpen?: boolean;
}) {
  const storageKey = `concord:draft:${props.draftKey}`;
  const focusOnOpen = props.focusOnOpen === true;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on appearing
  useEffect(() => {
    if (focusOnOpen) area.current?.focus();
  }, []);
  const [text, setText] = useState(() => props.initial ?? localStorage.getItem(storageKey) ?? "");
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [choice, setChoice] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The latest callback, without re-running effects when a parent passes a new function each render.
  const typingCallback = useRef(props.onTyping);
  typingCallback.current = props.onTyping;
  const onTyping = useCallback((typing: boolean) => typingCallback.current?.(typing), []);

  useEffect(
    () => () => {
      if (typingTimer.current) clearTimeout(typingTimer.current);
      onTyping(false);
    },
    [onTyping],
  );

  const suggestions = query
    ? props.members.filter((m) => m.name.toLowerCase().includes(query.query.toLowerCase())).slice(0, 6)
    : [];

  const change = (value: string, caret: number) => {
    setText(value);
    if (props.initial === undefined) {
      if (value) localStorage.setItem(storageKey, value);
      else localStorage.removeItem(storageKey);
    }
    setQuery(mentionQuery(value, caret));
    setChoice(0);
    onTyping(value.length > 0);
    if (typingTimer.current) clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => onTyping(false), 5000);
  };

  const insert = (person: Person) => {
    if (!query) return;
    const caret = area.current?.selectionStart ?? text.length;
    const next = `${text.slice(0, query.start)}@${person.name} ${text.slice(caret)}`;
    change(next, query.start + person.name.length + 2);
    setQuery(null);
    requestAnimationFrame(() => {
      const at = query.start + person.name.length + 2;
      area.current?.focus();
      area.current?.setSelectionRange(at, at);
    });
  };

  const send = useAction(async () => {
    await props.onSubmit(text, mentionsIn(text, props.members));
    if (props.initial === undefined) localStorage.removeItem(storageKey);
    setText("");
    onTyping(false);
  });

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setChoice((choice + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        insert(suggestions[choice] as Person);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (text.trim()) void send.run();
    } else if (event.key === "Escape" && props.onCancel) {
      props.onCancel();
    }
  };

  const tooLong = text.length > MAX_COMMENT_LENGTH;
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send.run();
      }}
    >
      <textarea
        ref={area}
        aria-label={props.label}
        placeholder="Write a comment… (@ to mention, *emphasis*, **strong**, `code`, > quote, - list)"
        value={text}
        rows={3}
        aria-autocomplete="list"
        aria-controls={suggestions.length > 0 ? listId : undefined}
        onChange={(event) => change(event.target.value, event.target.selectionStart)}
        onKeyDown={keyDown}
        onBlur={() => onTyping(false)}
      />
      {suggestions.length > 0 && (
        <div className="mention-suggestions" id={listId} role="listbox" aria-label="People to mention">
          {suggestions.map((person, n) => (
            <div
              key={person.userId}
              role="option"
              tabIndex={-1}
              aria-selected={n === choice}
              onMouseDown={(event) => {
                event.preventDefault();
                insert(person);
              }}
            >
              {person.name}
            </div>
          ))}
        </div>
      )}
      {tooLong && (
        <p className="form-error" role="alert">
          {`A comment can have at most ${MAX_COMMENT_LENGTH.toLocaleString("en")} characters; this one has ${text.length.toLocaleString("en")}.`}
        </p>
      )}
      <FormError message={send.error} />
      <div className="actions">
        <button type="submit" disabled={send.busy || !text.trim() || tooLong}>
          {send.busy ? "Sending…" : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="secondary" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
