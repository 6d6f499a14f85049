import { applyCodeOnce, createAnchor, removeCoding } from "@concord/anchoring";
import type { ThreadTarget } from "@concord/discussion";
import {
  agreedIn,
  type CodeEntry,
  createCode,
  effectiveCodeId,
  forEachDistinctCoding,
  listCodes,
  projectCodes,
  projectMeta,
  transcriptCodings,
  transcriptContent,
  writeCoding,
} from "@concord/schema";
import type { EditorState } from "prosemirror-state";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { Group, Panel, Separator, useDefaultLayout } from "react-resizable-panels";
import { Link } from "wouter";
import * as Y from "yjs";
import { api, type Member, type ProjectSummary } from "../api/api-client";
import { CodingHistory, type HistoryState } from "../collab/coding-history";
import { type CodingView, codingPluginKey, codingsAt } from "../collab/coding-plugin";
import { offsetOf, type PlacedCoding } from "../collab/coding-ranges";
import { projectPeople } from "../collab/person-colours";
import { reveal } from "../collab/reveal";
import { createTranscriptEditor, type TranscriptEditor } from "../collab/transcript-editor";
import { publishViewTop } from "../collab/view-top";
import { DiscussionPanel, type TranscriptView } from "../discussion/DiscussionPanel";
import { useSession } from "../session";
import { afterPaint, coalescedAfterPaint } from "./after-paint";
import { CodebookPanel } from "./CodebookPanel";
import { CodePicker } from "./CodePicker";
import { ConnectionBadge } from "./ConnectionBadge";
import { LayerChooser, LayerNotice } from "./LayerChooser";
import { MemoPanel } from "./MemoPanel";
import { PresenceBar, usePresence } from "./PresenceBar";
import { RoomResetNotice } from "./RoomResetNotice";
import { useFollowing } from "./use-following";
import { useObserved, useObservedWhenIdle } from "./use-observed";
import { useRoom } from "./use-room";
import { useWorkspaceLayers } from "./use-workspace-layers";

interface TranscriptInfo {
  readonly id: string;
  readonly name: string;
  readonly speakers: readonly string[];
  readonly words: number;
}

const NO_TALLY = { byCode: new Map<string, number>(), coders: [] as string[] };
const NO_STEPS: HistoryState = { undo: null, redo: null };
const roleWords: Record<string, string> = {
  owner: "owner: you may also correct the text",
  coder: "coder: you may code",
  observer: "observer: you may read and comment, not code",
};

function recentKey(projectId: string): string {
  return `concord:recent-codes:${projectId}`;
}

/** The transcript workspace: the text with everyone's highlights, the codebook, presence, coding. */
export function TranscriptPage({ projectId, transcriptId }: { projectId: string; transcriptId: string }) {
  const { user } = useSession();
  const [project, setProject] = useState<ProjectSummary | null>(null);
  const [transcript, setTranscript] = useState<TranscriptInfo | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [codingNote, setCodingNote] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([
      api<{ project: ProjectSummary }>("GET", `/projects/${projectId}`),
      api<{ transcript: TranscriptInfo }>("GET", `/projects/${projectId}/transcripts/${transcriptId}`),
      api<{ members: Member[] }>("GET", `/projects/${projectId}/members`),
    ]).then(
      ([p, t, m]) => {
        setProject(p.project);
        setTranscript(t.transcript);
        projectPeople.setMembers(m.members);
        setMembers(m.members);
      },
      (error: Error) => setProblem(error.message),
    );
  }, [projectId, transcriptId]);

  // The rooms are named by the address alone: connect while the details above are still on their way.
  const projectRoom = useRoom(`project.${projectId}`);
  const transcriptRoom = useRoom(`transcript.${projectId}.${transcriptId}`);
  const discussionRoom = useRoom(`discussion.${projectId}.${transcriptId}`);
  const discussionAwareness = discussionRoom.connection?.provider.awareness ?? null;
  const projectDoc = projectRoom.connection?.doc ?? null;
  const transcriptDoc = transcriptRoom.connection?.doc ?? null;
  const awareness = transcriptRoom.connection?.provider.awareness ?? null;
  const codes = useObserved(projectDoc ? projectCodes(projectDoc) : null, () =>
    projectDoc ? listCodes(projectDoc) : [],
  );
  const codeMap = useMemo(() => new Map(codes.map((c) => [c.id, c])), [codes]);
  // The server touches this when the project's lock or memberships change: take them up at once.
  const projectChangedAt = useObserved(projectDoc ? projectMeta(projectDoc) : null, () =>
    projectDoc ? projectMeta(projectDoc).get("projectChangedAt") : undefined,
  );
  // A role changed while the page is open is said in words, not only shown by what can be done.
  const [roleNote, setRoleNote] = useState<string | null>(null);
  useEffect(() => {
    if (projectChangedAt === undefined) return;
    api<{ project: ProjectSummary }>("GET", `/projects/${projectId}`).then(
      (p) =>
        setProject((before) => {
          if (before && before.role !== p.project.role) {
            setRoleNote(`Your role in this project is now ${roleWords[p.project.role] ?? p.project.role}.`);
          }
          return p.project;
        }),
      () => {},
    );
  }, [projectChangedAt, projectId]);

  // Which codings are shown and where coding goes: the workspace's model, read by every panel.
  const { model, workspace, target, codingDocs, targetDoc, blind, linkedAt } = useWorkspaceLayers({
    projectId,
    transcriptId,
    userId: user?.id ?? "",
    role: project?.role ?? null,
    projectChangedAt,
    transcriptDoc,
  });

  const canCode = (project?.role === "owner" || project?.role === "coder") && target !== null;
  // The editor is built once the project is known; fetching it again (its lock changed) keeps it.
  const projectLoaded = project !== null;
  const canEditCodebook = project?.role === "owner" || (project?.role === "coder" && !project.codebookLocked);
  const canEditText = project?.role === "owner" && project.archivedAt === null;
  // Everyone in the project may comment, observers too, until it is archived.
  const canCommentHere = project !== null && project.archivedAt === null;
  // A blind coder's comments go to their own layer (the server puts them there): they comment while
  // it is shown. A single other layer shown is a record (or a watched coder's): its threads are read.
  const singleLayer =
    workspace.shown.kind === "layers" && workspace.shown.coderIds.length === 1
      ? (codingDocs?.[0] ?? null)
      : null;
  const canComment = canCommentHere && (blind ? target?.kind === "layer" : singleLayer === null);
  const discussionDoc = singleLayer ?? discussionRoom.connection?.doc ?? null;
  const [correcting, setCorrecting] = useState(false);
  const correctingRef = useRef(false);
  correctingRef.current = canEditText && correcting;

  const [codeFilter, setCodeFilter] = useState<ReadonlySet<string> | null>(null);
  const [coderFilter, setCoderFilter] = useState<string>("all");
  const [selection, setSelection] = useState<{
    from: number;
    to: number;
    left: number;
    top: number;
    /** The bottom of the selection's last line, in the same frame as `top`. */
    bottom: number;
    text: string;
  } | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [atCursor, setAtCursor] = useState<readonly PlacedCoding[]>([]);
  const [orphans, setOrphans] = useState<number>(0);
  const [recent, setRecent] = useState<string[]>(() =>
    JSON.parse(localStorage.getItem(recentKey(projectId)) ?? "[]"),
  );
  const [following, setFollowing] = useState<string | null>(null);
  const [memoOpen, setMemoOpen] = useState(false);
  const [cursorOffset, setCursorOffset] = useState<number | null>(null);
  const [pendingThread, setPendingThread] = useState<{ target: ThreadTarget; quote: string } | null>(null);
  // A thread asked for from its marker in the margin, with a counter so asking twice still opens it.
  const [openThread, setOpenThread] = useState<{ id: string; at: number } | null>(null);
  const editorRef = useRef<TranscriptEditor | null>(null);
  const mount = useRef<HTMLDivElement>(null);
  const history = useMemo(() => (targetDoc ? new CodingHistory(targetDoc) : null), [targetDoc]);
  useEffect(() => () => history?.destroy(), [history]);
  const steps = useSyncExternalStore(
    useCallback(
      (listener: () => void) => history?.subscribe(coalescedAfterPaint(listener)) ?? (() => {}),
      [history],
    ),
    () => history?.current() ?? NO_STEPS,
  );
  const present = usePresence(awareness);

  const view: CodingView = useMemo(
    () => ({
      codes: codeMap,
      codeFilter,
      coderFilter:
        coderFilter === "all" ? null : new Set([coderFilter === "mine" ? (user?.id ?? "") : coderFilter]),
      // Layers shown together take a colour per coder, so that whose is whose reads at a glance.
      coderColours:
        workspace.shown.kind === "layers" && workspace.shown.coderIds.length > 1
          ? new Map(workspace.shown.coderIds.map((id) => [id, projectPeople.of(id)]))
          : null,
    }),
    [codeMap, codeFilter, coderFilter, user?.id, workspace],
  );
  const latestView = useRef(view);
  latestView.current = view;

  useEffect(() => {
    if (!awareness || !user) return;
    awareness.setLocalStateField("user", { id: user.id, name: user.name, color: projectPeople.of(user.id) });
    projectRoom.connection?.provider.awareness.setLocalStateField("user", {
      id: user.id,
      name: user.name,
      color: projectPeople.of(user.id),
    });
    discussionAwareness?.setLocalStateField("user", {
      id: user.id,
      name: user.name,
      color: projectPeople.of(user.id),
    });
  }, [awareness, user, projectRoom.connection, discussionAwareness]);

  const rememberRecent = useCallback(
    (codeId: string) => {
      setRecent((previous) => {
        if (previous[0] === codeId) return previous;
        const next = [codeId, ...previous.filter((id) => id !== codeId)].slice(0, 9);
        localStorage.setItem(recentKey(projectId), JSON.stringify(next));
        return next;
      });
    },
    [projectId],
  );

  const codeSelection = useCallback(
    (codeId: string) => {
      const range = editorRef.current?.selectedRange();
      if (!range || !transcriptDoc || !targetDoc || !user) return false;
      // A code the picker has just created is in the project document before it is in `codes`.
      const fresh = projectDoc ? projectCodes(projectDoc).get(codeId) : undefined;
      const freshName = fresh instanceof Y.Map ? fresh.get("name") : undefined;
      const name =
        codeMapRef.current.get(codeId)?.name ?? (typeof freshName === "string" ? freshName : "that code");
      const editor = editorRef.current;
      const colour =
        codeMapRef.current.get(codeId)?.color ?? (fresh instanceof Y.Map ? fresh.get("color") : null);
      // The passage shows its highlight in the next frame; the coding is written, drawn for good
      // and sent once that frame is on screen, and what the page says about it comes with it.
      editor?.showPending(typeof colour === "string" ? colour : "");
      if (editor && !editor.view.hasFocus()) editor.view.focus();
      afterPaint(() => {
        history?.describeNext(`coding “${name}”`);
        const { added } = applyCodeOnce(targetDoc, transcriptDoc, range, codeId, user.id, range.index);
        if (!added) editorRef.current?.clearPending();
        setCodingNote(added ? null : `You have coded this passage “${name}” already: nothing was added.`);
        rememberRecent(codeId);
        setPickerOpen(false);
      });
      return true;
    },
    [transcriptDoc, targetDoc, projectDoc, user, rememberRecent, history],
  );
  useEffect(() => {
    if (codingNote === null) return;
    const timer = setTimeout(() => setCodingNote(null), 8000);
    return () => clearTimeout(timer);
  }, [codingNote]);
  // The side panels' widths, as this person last left them.
  const panelLayout = useDefaultLayout({ id: "concord-workspace", storage: localStorage });
  const codeSelectionRef = useRef(codeSelection);
  const codeMapRef = useRef(codeMap);
  codeMapRef.current = codeMap;
  codeSelectionRef.current = codeSelection;
  const recentRef = useRef(recent);
  recentRef.current = recent;

  // A transcript always has content: the editor waits for it (an editor bound to an empty fragment
  // would fill in a turn of its own, and place the cursor where there is no text).
  const hasContent = useObserved(transcriptDoc ? transcriptContent(transcriptDoc) : null, () =>
    transcriptDoc ? transcriptContent(transcriptDoc).length > 0 : false,
  );
  useEffect(() => {
    if (!transcriptDoc || !awareness || !mount.current || !projectLoaded || !hasContent || !codingDocs)
      return;
    // `hasContent` may still speak of the copy this one replaced (a reset): ask this one.
    if (transcriptContent(transcriptDoc).length === 0) return;
    const keys: Record<string, (state: EditorState) => boolean> = {};
    for (let n = 1; n <= 9; n++) {
      keys[String(n)] = () => {
        const codeId = recentRef.current[n - 1];
        return canCode && codeId !== undefined ? codeSelectionRef.current(codeId) : false;
      };
    }
    keys["Mod-k"] = (state) => {
      if (!canCode || state.selection.empty) return false;
      setPickerOpen(true);
      return true;
    };
    const editor = createTranscriptEditor({
      mount: mount.current,
      doc: transcriptDoc,
      codingDocs,
      awareness,
      isEditingText: () => correctingRef.current,
      onOpenThread: (id) => setOpenThread({ id, at: Date.now() }),
      view: latestView.current,
      keys,
      onUpdate: coalescedAfterPaint(() => {
        const editor = editorRef.current;
        if (!editor) return;
        const { state } = editor.view;
        const view = editor.view;
        const { from, to, head } = state.selection;
        setAtCursor(codingsAt(state, from, to, head));
        setOrphans(codingPluginKey.getState(state)?.orphans.length ?? 0);
        const index = codingPluginKey.getState(state)?.index;
        setCursorOffset(index ? offsetOf(index, state.doc, head) : null);
        if (from !== to) {
          const coords = view.coordsAtPos(to);
          const box = mount.current?.getBoundingClientRect();
          setSelection({
            from,
            to,
            // In the speaker gutter, level with the selection's end, so it never covers text.
            left: 8,
            top: coords.top - (box?.top ?? 0) + (mount.current?.scrollTop ?? 0),
            bottom: coords.bottom - (box?.top ?? 0) + (mount.current?.scrollTop ?? 0),
            text: state.doc.textBetween(from, to, "\n"),
          });
        } else {
          setSelection(null);
          setPickerOpen(false);
        }
      }),
    });
    editorRef.current = editor;
    editor.preparePending([...codeMapRef.current.values()].map((code) => code.color));
    const stopPublishing = publishViewTop(editor.view, mount.current, awareness);
    return () => {
      stopPublishing();
      editor.destroy();
      editorRef.current = null;
    };
  }, [transcriptDoc, codingDocs, awareness, projectLoaded, canCode, hasContent]);

  useEffect(() => {
    editorRef.current?.preparePending(codes.map((code) => code.color));
  }, [codes]);

  // The passage a link asked for, once the layers it names are drawn.
  const revealedAt = useRef<number | null>(null);
  useEffect(() => {
    if (!Number.isFinite(linkedAt) || revealedAt.current === linkedAt || workspace.shown.kind !== "layers")
      return;
    const editor = editorRef.current;
    const at = editor?.positionsOf(linkedAt, linkedAt + 1);
    if (!editor || !at) return;
    revealedAt.current = linkedAt;
    const { node } = editor.view.domAtPos(at.from);
    const element = node instanceof Element ? node : node.parentElement;
    if (element) reveal(element);
  });

  // The editor reads `correctingRef` when asked; ask it whenever the switch changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: correcting is the trigger
  useEffect(() => {
    editorRef.current?.updateEditable();
  }, [correcting]);

  useEffect(() => {
    editorRef.current?.refresh(view);
  }, [view]);

  // Undo and redo of one's own codings, from anywhere but a text field.
  useEffect(() => {
    if (!history) return;
    const handle = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")
      )
        return;
      if (correctingRef.current && target?.closest(".transcript")) return;
      const mod = event.metaKey || event.ctrlKey;
      if (mod && event.key.toLowerCase() === "z") {
        event.preventDefault();
        if (event.shiftKey) history.redo();
        else history.undo();
      } else if (mod && event.key.toLowerCase() === "y") {
        event.preventDefault();
        history.redo();
      }
    };
    window.addEventListener("keydown", handle);
    return () => window.removeEventListener("keydown", handle);
  }, [history]);

  useFollowing(following, awareness, transcriptDoc, editorRef, mount);

  // One walk over the codings, once the browser has time: coding must not wait for the counts.
  const tally = useObservedWhenIdle(
    codingDocs?.[0] ? transcriptCodings(codingDocs[0]) : null,
    () => {
      const byCode = new Map<string, number>();
      const coderIds = new Set<string>();
      // The same coding twice (one coder, code and passage) counts once.
      for (const doc of codingDocs ?? [])
        forEachDistinctCoding(doc, (coding) => {
          byCode.set(coding.codeId, (byCode.get(coding.codeId) ?? 0) + 1);
          coderIds.add(coding.coderId);
        });
      return { byCode, coders: [...coderIds] };
    },
    NO_TALLY,
  );
  const coders = tally.coders;
  // Counted under the code a coding now belongs to, so merged codes count their codings.
  const counts = useMemo(() => {
    const result = new Map<string, { codings: number; transcripts: null }>();
    for (const [codeId, n] of tally.byCode) {
      const id = effectiveCodeId(codeMap, codeId);
      result.set(id, { codings: (result.get(id)?.codings ?? 0) + n, transcripts: null });
    }
    return result;
  }, [tally, codeMap]);
  const nameOf = (id: string) => members.find((m) => m.userId === id)?.name ?? "a former member";
  const people = useMemo(() => members.map((m) => ({ userId: m.userId, name: m.name })), [members]);

  // What the discussion panel may do with the text: place, mark and show passages.
  const transcriptView: TranscriptView | null = useMemo(
    () =>
      transcriptDoc
        ? {
            index: () => editorRef.current?.index() ?? null,
            mark: (placed, active) => {
              const editor = editorRef.current;
              if (!editor) return;
              const ranges = placed.flatMap((p) => {
                const at = editor.positionsOf(p.start, p.end);
                return at ? [{ id: p.thread.id, comments: p.thread.comments.length, ...at }] : [];
              });
              editor.markThreads({ ranges, active });
            },
            reveal: (start, end) => {
              const editor = editorRef.current;
              const at = editor?.positionsOf(start, end);
              if (!editor || !at) return;
              const { node } = editor.view.domAtPos(at.from);
              const element = node instanceof Element ? node : node.parentElement;
              if (element) reveal(element);
            },
          }
        : null,
    [transcriptDoc],
  );

  /** The selected passage as a thread target, with its words, or null without a selection. */
  const selectedPassage = useCallback((): { target: ThreadTarget; quote: string } | null => {
    const range = editorRef.current?.selectedRange();
    if (!range) return null;
    const anchor = createAnchor(range.index, range.start, range.end);
    return { target: { kind: "passage", anchor }, quote: anchor.quote.exact };
  }, []);

  // Removed from the project, or the transcript deleted: the text is gone from this page and browser.
  const lost =
    transcriptRoom.state.kind === "refused"
      ? `You can no longer open this transcript (${transcriptRoom.state.reason}).`
      : null;
  if (problem || lost) {
    return (
      <main className="page">
        <p role="alert">{problem ?? lost}</p>
        <Link href="/">Your projects</Link>
      </main>
    );
  }
  if (!project || !transcript || !user) return <main className="page">Opening the transcript…</main>;

  const reattach = () => {
    const editor = editorRef.current;
    const range = editor?.selectedRange();
    const [first] = (editor && codingPluginKey.getState(editor.view.state)?.orphans) ?? [];
    if (!range || !first || !transcriptDoc) return;
    writeCoding(transcriptDoc, first.id, {
      ...first.coding,
      anchor: createAnchor(range.index, range.start, range.end),
    });
  };

  return (
    <div className="workspace">
      <div className="workspace-bar">
        <Link href={`/projects/${projectId}`}>← {project.name}</Link>
        <h2>{transcript.name}</h2>
        <PresenceBar present={present} selfId={user.id} following={following} onFollow={setFollowing} />
        {following && (
          <p className="following-note" role="status">
            Following {present.find((p) => p.userId === following)?.name ?? "a colleague"}{" "}
            <button type="button" className="link-button" onClick={() => setFollowing(null)}>
              Stop
            </button>
          </p>
        )}
        <ConnectionBadge state={transcriptRoom.state} pending={false} />
      </div>
      <RoomResetNotice resets={[transcriptRoom.reset, projectRoom.reset]} />
      {roleNote && (
        <p className="notice" role="status">
          {roleNote}{" "}
          <button type="button" className="link-button" onClick={() => setRoleNote(null)}>
            Dismiss
          </button>
        </p>
      )}
      <Group
        className="workspace-body"
        orientation="horizontal"
        defaultLayout={panelLayout.defaultLayout}
        onLayoutChanged={panelLayout.onLayoutChanged}
      >
        <Panel
          id="codebook"
          className="workspace-panel"
          defaultSize="20"
          minSize="12"
          maxSize="40"
          collapsible
        >
          {projectDoc && (
            <CodebookPanel
              doc={projectDoc}
              codes={codes}
              userId={user.id}
              canEdit={canEditCodebook}
              locked={project.codebookLocked}
              counts={counts}
              filter={codeFilter}
              onFilter={setCodeFilter}
              quickKeys={recent}
              projectId={projectId}
              canComment={canComment}
              members={people}
            />
          )}
        </Panel>
        <Separator className="panel-separator" aria-label="Width of the codebook" />
        <Panel id="text" className="workspace-panel" minSize="30">
          <section className="transcript-pane" aria-label="Transcript text">
            <LayerNotice
              model={model}
              snapshot={workspace}
              nameOf={(id) => (id === user.id ? "you" : nameOf(id))}
              colourOf={(id) => projectPeople.of(id)}
            />
            <div className="toolbar">
              <LayerChooser model={model} snapshot={workspace} nameOf={nameOf} />
              {!(workspace.shown.kind === "layers" && workspace.shown.coderIds.length === 1) && (
                <label>
                  Show codings by{" "}
                  <select
                    value={coderFilter}
                    onChange={(e) => setCoderFilter(e.target.value)}
                    aria-label="Show codings by"
                  >
                    <option value="all">everyone</option>
                    <option value="mine">me only</option>
                    {coders
                      .filter((id) => id !== user.id)
                      .map((id) => (
                        <option key={id} value={id}>
                          {nameOf(id)}
                        </option>
                      ))}
                  </select>
                </label>
              )}
              {canCode && (
                <>
                  <button
                    type="button"
                    onClick={() => history?.undo()}
                    disabled={steps.undo === null}
                    className="history-button"
                    title={steps.undo ? `Undo ${steps.undo} (Ctrl+Z)` : "Nothing of yours to undo"}
                  >
                    {steps.undo ? `Undo ${steps.undo}` : "Undo"}
                  </button>
                  <button
                    type="button"
                    onClick={() => history?.redo()}
                    disabled={steps.redo === null}
                    className="history-button"
                    title={steps.redo ? `Redo ${steps.redo} (Ctrl+Shift+Z)` : "Nothing to redo"}
                  >
                    {steps.redo ? `Redo ${steps.redo}` : "Redo"}
                  </button>
                </>
              )}
              {canEditText && (
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={correcting}
                    onChange={(e) => setCorrecting(e.target.checked)}
                  />
                  Correct the text
                </label>
              )}
              {!correcting && (
                <span className="hint" role="status">
                  {codingNote ??
                    (canCode
                      ? "Select text to code it (Ctrl+K, or 1–9 for recent codes)."
                      : blind
                        ? "You code this transcript blind: go back to your layer to code and comment."
                        : canComment
                          ? "You can read and comment."
                          : "You can read.")}
                </span>
              )}
            </div>
            <div className="editor-frame" ref={mount}>
              {canCode && selection && !pickerOpen && (
                <button
                  type="button"
                  className="code-button"
                  data-selection={selection.text}
                  style={{ left: selection.left, top: selection.top }}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => setPickerOpen(true)}
                >
                  Code…
                </button>
              )}
              {selection && !pickerOpen && canComment && (
                <button
                  type="button"
                  className="comment-button"
                  style={{ left: selection.left, top: selection.top + (canCode ? 30 : 0) }}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => setPendingThread(selectedPassage())}
                >
                  Comment…
                </button>
              )}
              {canCode && selection && pickerOpen && (
                <CodePicker
                  codes={codes}
                  recent={recent}
                  canCreate={canEditCodebook}
                  position={{ left: selection.left, below: selection.bottom + 4, above: selection.top - 4 }}
                  onApply={(codeId) => codeSelection(codeId)}
                  onCreate={(name) => {
                    if (!projectDoc) return;
                    codeSelection(createCode(projectDoc, { name }, user.id));
                  }}
                  onClose={() => {
                    setPickerOpen(false);
                    editorRef.current?.view.focus();
                  }}
                />
              )}
            </div>
          </section>
        </Panel>
        <Separator className="panel-separator" aria-label="Width of the side panel" />
        <Panel id="side" className="workspace-panel" defaultSize="24" minSize="15" maxSize="45" collapsible>
          <aside className="coding-info" aria-label="Codings here">
            <h3>Here</h3>
            {atCursor.length === 0 && (
              <p className="hint">Put the cursor in a highlight to see its codes and coders.</p>
            )}
            <ul>
              {atCursor.map((placed) => {
                const code: CodeEntry | undefined = codeMap.get(
                  effectiveCodeId(codeMap, placed.coding.codeId),
                );
                const mine = placed.coding.coderId === user.id;
                // A meeting's decision: it changes only when the decision is reopened in the meeting.
                const decided = placed.coding.decisionId !== undefined;
                return (
                  <li key={placed.id} data-coding-info={code?.name} data-decided={decided || undefined}>
                    <i className="dot" style={{ background: code?.color ?? "#888" }} />{" "}
                    <strong>{code?.name ?? "deleted code"}</strong>
                    <br />
                    <span className="hint">
                      {decided
                        ? agreedIn(placed.coding.decisionId)
                          ? "coded alike by every coder of a round, taken in by "
                          : "decided in a meeting by "
                        : ""}
                      {mine ? "you" : nameOf(placed.coding.coderId)},{" "}
                      {new Date(placed.coding.createdAt).toLocaleString()}
                    </span>{" "}
                    {canComment && (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          setPendingThread({
                            target: { kind: "coding", codingId: placed.id, anchor: placed.coding.anchor },
                            quote: placed.coding.anchor.quote.exact,
                          })
                        }
                      >
                        Discuss
                      </button>
                    )}{" "}
                    {canCode &&
                      !decided &&
                      (mine || (project.role === "owner" && target?.kind === "shared")) && (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => {
                            if (!targetDoc) return;
                            history?.describeNext(`removing “${code?.name ?? "a coding"}”`);
                            removeCoding(targetDoc, placed.id);
                          }}
                        >
                          Remove
                        </button>
                      )}
                  </li>
                );
              })}
            </ul>
            {orphans > 0 && (
              <div className="orphans">
                <p>
                  {orphans} coding{orphans === 1 ? "'s" : "s'"} text was deleted.
                </p>
                {canCode && (
                  <button type="button" onClick={reattach} disabled={!selection}>
                    Attach one to the selection
                  </button>
                )}
              </div>
            )}
            {transcriptDoc && (
              <details className="transcript-memo" onToggle={(e) => setMemoOpen(e.currentTarget.open)}>
                <summary>Transcript memo</summary>
                {/* Its editor is made when the memo is opened, not while the transcript loads. */}
                {memoOpen && (
                  <MemoPanel
                    doc={transcriptDoc}
                    memo="transcript"
                    awareness={awareness}
                    userId={user.id}
                    editable={canCode && !blind && project.archivedAt === null}
                    title="Transcript memo"
                    nameOf={nameOf}
                  />
                )}
              </details>
            )}
            <DiscussionPanel
              projectId={projectId}
              transcriptId={transcriptId}
              userId={user.id}
              readOnly={!canComment}
              members={people}
              codes={codeMap}
              discussion={discussionDoc}
              // Typing in a layer's thread is nobody else's to see.
              awareness={singleLayer ? null : discussionAwareness}
              transcript={transcriptDoc}
              view={transcriptView}
              cursor={cursorOffset}
              requested={openThread}
              pending={pendingThread}
              onPendingDone={() => setPendingThread(null)}
              selectionAnchor={() => selectedPassage()?.target ?? null}
            />
          </aside>
        </Panel>
      </Group>
    </div>
  );
}
