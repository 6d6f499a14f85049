import { applyCodeOnce, createAnchor, removeCoding } from "@concord/anchoring";
import type { ThreadTarget } from "@concord/discussion";
import {
  createCode,
  listCodes,
  projectCodes,
  projectMeta,
  transcriptContent,
  writeCoding,
} from "@concord/schema";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Group, Panel, Separator, useDefaultLayout } from "react-resizable-panels";
import { Link } from "wouter";
import * as Y from "yjs";
import type { CodingView } from "../collab/coding-plugin";
import { codingPluginKey } from "../collab/coding-plugin";
import { projectPeople } from "../collab/person-colours";
import { DiscussionPanel, type TranscriptView } from "../discussion/DiscussionPanel";
import { useSession } from "../session";
import { afterPaint } from "./after-paint";
import { CodebookPanel } from "./CodebookPanel";
import { CodingsHere } from "./CodingsHere";
import { ConnectionBadge } from "./ConnectionBadge";
import { LayerNotice } from "./LayerChooser";
import { PresenceBar, usePresence } from "./PresenceBar";
import { RoomResetNotice } from "./RoomResetNotice";
import { SelectionActions } from "./SelectionActions";
import { TranscriptMemo } from "./TranscriptMemo";
import { TranscriptToolbar } from "./TranscriptToolbar";
import { revealPassage, transcriptViewOf } from "./transcript-view";
import { useCodingHistory } from "./use-coding-history";
import { useCodingTally } from "./use-coding-tally";
import { useFollowing } from "./use-following";
import { useObserved } from "./use-observed";
import { usePublishedUser } from "./use-published-user";
import { useRecentCodes } from "./use-recent-codes";
import { useRoom } from "./use-room";
import { useTranscriptDetails } from "./use-transcript-details";
import { useTranscriptEditor } from "./use-transcript-editor";
import { useWorkspaceLayers } from "./use-workspace-layers";

/** The transcript workspace: the text with everyone's highlights, the codebook, presence, coding. */
export function TranscriptPage({ projectId, transcriptId }: { projectId: string; transcriptId: string }) {
  const { user } = useSession();
  // The rooms are named by the address alone: connect while the details are still on their way.
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
  const colours = useMemo(() => codes.map((code) => code.color), [codes]);
  // The server touches this when the project's lock or memberships change: take them up at once.
  const projectChangedAt = useObserved(projectDoc ? projectMeta(projectDoc) : null, () =>
    projectDoc ? projectMeta(projectDoc).get("projectChangedAt") : undefined,
  );
  const { project, transcript, members, problem, roleNote, dismissRoleNote } = useTranscriptDetails(
    projectId,
    transcriptId,
    projectChangedAt,
  );

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
  const [codingNote, setCodingNote] = useState<string | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [recent, rememberRecent] = useRecentCodes(projectId);
  const [following, setFollowing] = useState<string | null>(null);
  const [pendingThread, setPendingThread] = useState<{ target: ThreadTarget; quote: string } | null>(null);
  // A thread asked for from its marker in the margin, with a counter so asking twice still opens it.
  const [openThread, setOpenThread] = useState<{ id: string; at: number } | null>(null);
  const mount = useRef<HTMLDivElement>(null);
  const { history, steps } = useCodingHistory(targetDoc, correctingRef);
  const present = usePresence(awareness);
  usePublishedUser(user, awareness);
  usePublishedUser(user, projectRoom.connection?.provider.awareness ?? null);
  usePublishedUser(user, discussionAwareness);

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

  const codeSelection = (codeId: string): boolean => {
    const editor = editorRef.current;
    const range = editor?.selectedRange();
    if (!editor || !range || !transcriptDoc || !targetDoc || !user) return false;
    // A code the picker has just created is in the project document before it is in `codes`.
    const fresh = projectDoc ? projectCodes(projectDoc).get(codeId) : undefined;
    const freshName = fresh instanceof Y.Map ? fresh.get("name") : undefined;
    const name = codeMap.get(codeId)?.name ?? (typeof freshName === "string" ? freshName : "that code");
    const colour = codeMap.get(codeId)?.color ?? (fresh instanceof Y.Map ? fresh.get("color") : null);
    // The passage shows its highlight in the next frame; the coding is written, drawn for good
    // and sent once that frame is on screen, and what the page says about it comes with it.
    editor.showPending(typeof colour === "string" ? colour : "");
    if (!editor.view.hasFocus()) editor.view.focus();
    afterPaint(() => {
      history?.describeNext(`coding “${name}”`);
      const { added } = applyCodeOnce(targetDoc, transcriptDoc, range, codeId, user.id, range.index);
      if (!added) editorRef.current?.clearPending();
      setCodingNote(added ? null : `You have coded this passage “${name}” already: nothing was added.`);
      rememberRecent(codeId);
      setPickerOpen(false);
    });
    return true;
  };
  useEffect(() => {
    if (codingNote === null) return;
    const timer = setTimeout(() => setCodingNote(null), 8000);
    return () => clearTimeout(timer);
  }, [codingNote]);
  // The side panels' widths, as this person last left them.
  const panelLayout = useDefaultLayout({ id: "concord-workspace", storage: localStorage });

  // A transcript always has content: the editor waits for it (an editor bound to an empty fragment
  // would fill in a turn of its own, and place the cursor where there is no text).
  const hasContent = useObserved(transcriptDoc ? transcriptContent(transcriptDoc) : null, () =>
    transcriptDoc ? transcriptContent(transcriptDoc).length > 0 : false,
  );
  const { editorRef, selection, atCursor, orphans, cursorOffset } = useTranscriptEditor({
    mount,
    doc: transcriptDoc,
    codingDocs,
    awareness,
    // The editor is built once the project is known; fetching it again (its lock changed) keeps it.
    ready: project !== null && hasContent,
    canCode,
    isEditingText: correctingRef,
    view,
    colours,
    handlers: {
      quickCode: (n) => {
        const codeId = recent[n - 1];
        return codeId !== undefined && codeSelection(codeId);
      },
      openPicker: () => setPickerOpen(true),
      selectionCleared: () => setPickerOpen(false),
      openThread: (id) => setOpenThread({ id, at: Date.now() }),
    },
  });

  // The passage a link asked for, once the layers it names are drawn.
  const revealedAt = useRef<number | null>(null);
  useEffect(() => {
    if (!Number.isFinite(linkedAt) || revealedAt.current === linkedAt || workspace.shown.kind !== "layers")
      return;
    const editor = editorRef.current;
    if (editor && revealPassage(editor, linkedAt, linkedAt + 1)) revealedAt.current = linkedAt;
  });

  // The editor reads `correctingRef` when asked; ask it whenever the switch changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: correcting is the trigger
  useEffect(() => {
    editorRef.current?.updateEditable();
  }, [correcting]);

  useFollowing(following, awareness, transcriptDoc, editorRef, mount);
  const { coders, counts } = useCodingTally(codingDocs, codeMap);
  const nameOf = (id: string) => members.find((m) => m.userId === id)?.name ?? "a former member";
  const people = useMemo(() => members.map((m) => ({ userId: m.userId, name: m.name })), [members]);

  // What the discussion panel may do with the text: place, mark and show passages.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new text is a new view of it
  const transcriptView: TranscriptView | null = useMemo(
    () => (transcriptDoc ? transcriptViewOf(editorRef) : null),
    [transcriptDoc],
  );

  /** The selected passage as a thread target, with its words, or null without a selection. */
  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is read through its ref
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
  const hint =
    codingNote ??
    (canCode
      ? "Select text to code it (Ctrl+K, or 1–9 for recent codes)."
      : blind
        ? "You code this transcript blind: go back to your layer to code and comment."
        : canComment
          ? "You can read and comment."
          : "You can read.");

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
          <button type="button" className="link-button" onClick={dismissRoleNote}>
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
        {/* The text keeps a width one reads at, however wide the side panels are made. */}
        <Panel id="text" className="workspace-panel" minSize="34rem">
          <section className="transcript-pane" aria-label="Transcript text">
            <LayerNotice
              model={model}
              snapshot={workspace}
              nameOf={(id) => (id === user.id ? "you" : nameOf(id))}
              colourOf={(id) => projectPeople.of(id)}
            />
            <TranscriptToolbar
              model={model}
              snapshot={workspace}
              nameOf={nameOf}
              userId={user.id}
              coders={coders}
              coderFilter={coderFilter}
              onCoderFilter={setCoderFilter}
              history={history}
              steps={steps}
              canCode={canCode}
              canEditText={canEditText}
              correcting={correcting}
              onCorrecting={setCorrecting}
              hint={hint}
            />
            <div className="editor-frame" ref={mount}>
              <SelectionActions
                selection={selection}
                pickerOpen={pickerOpen}
                canCode={canCode}
                canComment={canComment}
                codes={codes}
                recent={recent}
                canCreateCodes={canEditCodebook}
                onOpenPicker={() => setPickerOpen(true)}
                onComment={() => setPendingThread(selectedPassage())}
                onApply={codeSelection}
                onCreate={(name) => {
                  if (projectDoc) codeSelection(createCode(projectDoc, { name }, user.id));
                }}
                onClosePicker={() => {
                  setPickerOpen(false);
                  editorRef.current?.view.focus();
                }}
              />
            </div>
          </section>
        </Panel>
        {/* A splitter's value is the width of the panel before it: here, the text's. */}
        <Separator className="panel-separator" aria-label="Width of the text, beside the side panel" />
        <Panel id="side" className="workspace-panel" defaultSize="24" minSize="15" maxSize="45" collapsible>
          <aside className="coding-info" aria-label="Codings here">
            <CodingsHere
              atCursor={atCursor}
              codes={codeMap}
              userId={user.id}
              nameOf={nameOf}
              canComment={canComment}
              mayRemove={(placed) =>
                canCode &&
                (placed.coding.coderId === user.id || (project.role === "owner" && target?.kind === "shared"))
              }
              onDiscuss={(placed) =>
                setPendingThread({
                  target: { kind: "coding", codingId: placed.id, anchor: placed.coding.anchor },
                  quote: placed.coding.anchor.quote.exact,
                })
              }
              onRemove={(placed, codeName) => {
                if (!targetDoc) return;
                history?.describeNext(`removing “${codeName ?? "a coding"}”`);
                removeCoding(targetDoc, placed.id);
              }}
              orphans={orphans}
              onReattach={canCode ? reattach : null}
              canReattach={selection !== null}
            />
            {transcriptDoc && (
              <TranscriptMemo
                doc={transcriptDoc}
                awareness={awareness}
                userId={user.id}
                editable={canCode && !blind && project.archivedAt === null}
                nameOf={nameOf}
              />
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
