import {
  asPlainParagraphs,
  ImportError,
  importTranscript,
  renameSpeakers,
  summarise,
  TRANSCRIPT_EXTENSIONS,
  type TranscriptDraft,
} from "@concord/importers";
import { counted } from "@concord/schema";
import { type DragEvent, useState } from "react";
import { api } from "../api/api-client";

interface Pending {
  readonly key: string;
  readonly file: string;
  name: string;
  draft: TranscriptDraft | null;
  error: string | null;
  renames: Record<string, string>;
  plain: boolean;
  status: "ready" | "importing" | "done" | "failed";
  message?: string;
}

function baseName(file: string): string {
  return file.replace(/\.[^.]+$/, "");
}

/** Reads, previews and imports a batch of transcript files. */
export function ImportDialog({
  projectId,
  onClose,
  onImported,
}: {
  projectId: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const [items, setItems] = useState<Pending[]>([]);
  const [reading, setReading] = useState(0);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [dragging, setDragging] = useState(false);

  const addFiles = async (files: FileList | File[]) => {
    const list = [...files];
    setReading((n) => n + list.length);
    for (const file of list) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      let item: Pending;
      try {
        const draft = await importTranscript({
          name: file.name,
          bytes: new Uint8Array(await file.arrayBuffer()),
        });
        item = {
          key,
          file: file.name,
          name: baseName(file.name),
          draft,
          error: null,
          renames: {},
          plain: false,
          status: "ready",
        };
      } catch (error) {
        const message =
          error instanceof ImportError ? error.message : `${file.name}: ${(error as Error).message}`;
        item = {
          key,
          file: file.name,
          name: baseName(file.name),
          draft: null,
          error: message,
          renames: {},
          plain: false,
          status: "failed",
        };
      }
      setItems((previous) => [...previous, item]);
      setReading((n) => n - 1);
    }
  };

  const update = (key: string, change: Partial<Pending>) =>
    setItems((previous) => previous.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const finalDraft = (item: Pending): TranscriptDraft | null => {
    if (!item.draft) return null;
    const renamed = renameSpeakers(item.draft, item.renames);
    return item.plain ? asPlainParagraphs(renamed) : renamed;
  };

  const importAll = async () => {
    const ready = items.filter((item) => item.status === "ready" && item.draft);
    setProgress({ done: 0, total: ready.length });
    for (const [i, item] of ready.entries()) {
      const draft = finalDraft(item);
      if (!draft) continue;
      update(item.key, { status: "importing" });
      try {
        await api("POST", `/projects/${projectId}/transcripts`, {
          name: item.name,
          sourceFormat: draft.format,
          blocks: draft.blocks,
        });
        update(item.key, { status: "done" });
      } catch (error) {
        update(item.key, { status: "failed", message: (error as Error).message });
      }
      setProgress({ done: i + 1, total: ready.length });
    }
    onImported();
  };

  const handleDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void addFiles(event.dataTransfer.files);
  };

  const readyCount = items.filter((item) => item.status === "ready").length;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="import-heading">
        <h3 id="import-heading">Import transcripts</h3>
        <label
          className={`drop-zone${dragging ? " dragging" : ""}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={handleDrop}
        >
          Drop files here, or choose them: Word, text, Markdown, reStructuredText, WebVTT, SRT, Praat
          TextGrid.
          <input
            type="file"
            multiple
            accept={TRANSCRIPT_EXTENSIONS.join(",")}
            aria-label="Choose transcript files"
            onChange={(e) => e.target.files && void addFiles(e.target.files)}
          />
        </label>
        {reading > 0 && (
          <p role="status">
            Reading {reading} file{reading === 1 ? "" : "s"}…
          </p>
        )}
        <ul className="import-list">
          {items.map((item) => {
            const draft = finalDraft(item);
            const summary = draft ? summarise(draft) : null;
            const speakers = item.draft ? summarise(item.draft).speakers : [];
            return (
              <li key={item.key} className={`import-item status-${item.status}`} data-file={item.file}>
                {item.error ? (
                  <p className="form-error" role="alert">
                    {item.error}
                  </p>
                ) : (
                  <>
                    <p className="hint import-file">{item.file}</p>
                    <label>
                      Name
                      <input
                        value={item.name}
                        onChange={(e) => update(item.key, { name: e.target.value })}
                        disabled={item.status !== "ready"}
                      />
                    </label>
                    {summary && (
                      <p className="hint" data-summary>
                        {counted(summary.speakers.length, "speaker")}, {counted(summary.turns, "turn")},{" "}
                        {counted(summary.words, "word")}
                      </p>
                    )}
                    {draft?.warnings.map((warning) => (
                      <p key={warning} className="warning">
                        {warning}
                      </p>
                    ))}
                    {!item.plain && speakers.length > 0 && (
                      <fieldset className="speakers" disabled={item.status !== "ready"}>
                        <legend>
                          Speakers (give two labels the same name to merge them; leave a name empty if the
                          label is no speaker)
                        </legend>
                        {speakers.map((speaker) => {
                          const name = item.renames[speaker] ?? speaker;
                          const notSpeaker = name.trim() === "";
                          return (
                            <div key={speaker} className="speaker-rename">
                              <label>
                                {speaker}
                                <input
                                  aria-label={`Name for ${speaker}`}
                                  value={name}
                                  placeholder="not a speaker"
                                  onChange={(e) =>
                                    update(item.key, {
                                      renames: { ...item.renames, [speaker]: e.target.value },
                                    })
                                  }
                                />
                              </label>
                              <label className="checkbox">
                                <input
                                  type="checkbox"
                                  checked={notSpeaker}
                                  onChange={(e) =>
                                    update(item.key, {
                                      renames: {
                                        ...item.renames,
                                        [speaker]: e.target.checked ? "" : speaker,
                                      },
                                    })
                                  }
                                />
                                Not a speaker: keep “{speaker}:” in the text
                              </label>
                            </div>
                          );
                        })}
                      </fieldset>
                    )}
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={item.plain}
                        disabled={item.status !== "ready"}
                        onChange={(e) => update(item.key, { plain: e.target.checked })}
                      />
                      Import as plain paragraphs (no speakers)
                    </label>
                    {draft && (
                      <details>
                        <summary>Preview</summary>
                        <ol className="preview">
                          {draft.blocks.slice(0, 12).map((block, i) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: a static preview
                            <li key={i}>
                              {block.kind === "turn" && block.speaker ? (
                                <strong>{block.speaker}: </strong>
                              ) : null}
                              {block.kind === "heading" ? <em>Heading: </em> : null}
                              {block.text.length > 200 ? `${block.text.slice(0, 200)}…` : block.text}
                            </li>
                          ))}
                        </ol>
                      </details>
                    )}
                    {item.status === "done" && <p role="status">Imported.</p>}
                    {item.message && <p className="form-error">{item.message}</p>}
                  </>
                )}
                {item.status !== "importing" && item.status !== "done" && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setItems((p) => p.filter((x) => x.key !== item.key))}
                  >
                    Remove from batch
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        {progress && (
          <p>
            <progress value={progress.done} max={progress.total} aria-label="Import progress" />{" "}
            {progress.done} of {progress.total} imported
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => void importAll()} disabled={readyCount === 0}>
            Import {readyCount} transcript{readyCount === 1 ? "" : "s"}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
