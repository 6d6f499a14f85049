import type { AgendaItem } from "@concord/meetings";

/** How long an agenda entry's quote may be, in characters. */
const QUOTE = 70;

/**
 * A meeting's agenda: each item by its code, transcript and the words it is about, marked when
 * decided and where the facilitator is; with the way to the previous and next item.
 */
export function MeetingAgenda(props: {
  agenda: readonly AgendaItem[];
  currentId: string | null;
  facilitatorItem: string | null;
  decided: ReadonlySet<string>;
  codeName: (codeId: string) => string;
  transcriptName: (transcriptId: string | null) => string;
  /** The words an item is about (a coder's quote), if known. */
  quoteOf: (item: AgendaItem) => string | null;
  onGo: (itemId: string) => void;
}) {
  const { agenda, currentId, facilitatorItem, decided, codeName, transcriptName, quoteOf, onGo } = props;
  const at = agenda.findIndex((item) => item.id === currentId);
  const previous = at > 0 ? agenda[at - 1] : undefined;
  const next = at >= 0 ? agenda[at + 1] : undefined;
  const undecided = agenda.find((item, i) => i > at && !decided.has(item.id));
  return (
    <nav aria-label="Agenda" className="meeting-agenda">
      <h3>Agenda</h3>
      <div className="agenda-progress">
        <progress max={agenda.length} value={decided.size} aria-label="Items decided" />
        <span aria-hidden="true">
          {decided.size} of {agenda.length} decided
        </span>
      </div>
      {/* aria-disabled, not disabled: a button that keeps the focus at the agenda's ends. */}
      <div className="agenda-steps">
        <button
          type="button"
          className="secondary"
          aria-disabled={!previous}
          onClick={() => previous && onGo(previous.id)}
        >
          ← Previous
        </button>
        <button
          type="button"
          className="secondary"
          aria-disabled={!next}
          onClick={() => next && onGo(next.id)}
        >
          Next →
        </button>
        {undecided && undecided !== next && (
          <button type="button" className="link-button" onClick={() => onGo(undecided.id)}>
            Next undecided
          </button>
        )}
      </div>
      <ol className="agenda">
        {agenda.map((item) => {
          const quote = quoteOf(item);
          return (
            <li key={item.id} data-item={item.id} className={item.id === currentId ? "current" : undefined}>
              <button
                type="button"
                className="link-button"
                aria-current={item.id === currentId}
                onClick={() => onGo(item.id)}
              >
                {item.kind === "disagreement" ? codeName(item.codeId) : "Thread"} ·{" "}
                {transcriptName(item.transcriptId)}
              </button>{" "}
              {decided.has(item.id) && <span className="decided-mark">decided</span>}
              {item.id === facilitatorItem && <span className="hint"> (facilitator)</span>}
              {quote !== null && (
                <span className="agenda-quote">
                  “{quote.length > QUOTE ? `${quote.slice(0, QUOTE).trimEnd()}…` : quote}”
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
