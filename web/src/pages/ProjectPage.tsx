import { discussionThreads, readThread } from "@concord/discussion";
import { counted, effectiveCodeId, listCodes, projectCodes, projectMeta } from "@concord/schema";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { Link, useSearch } from "wouter";
import { api, type Member, type ProjectSummary } from "../api/api-client";
import { projectPeople } from "../collab/person-colours";
import { OpenThreads } from "../discussion/OpenThreads";
import { useSession } from "../session";
import { CodebookPanel } from "../workspace/CodebookPanel";
import { ConnectionBadge } from "../workspace/ConnectionBadge";
import { MemoPanel } from "../workspace/MemoPanel";
import { PresenceBar, usePresence } from "../workspace/PresenceBar";
import { RoomResetNotice } from "../workspace/RoomResetNotice";
import { TranscriptDetailsForm } from "../workspace/TranscriptDetailsForm";
import { useObserved } from "../workspace/use-observed";
import { useRoom } from "../workspace/use-room";
import { DeleteTranscriptDialog } from "./DeleteTranscriptDialog";
import { RoundsSection } from "./RoundsSection";

// The importers (Word, captions, TextGrid) are a large part of the app and only needed when importing.
const ImportDialog = lazy(() =>
  import("../workspace/ImportDialog").then((m) => ({ default: m.ImportDialog })),
);

interface TranscriptSummary {
  readonly id: string;
  readonly name: string;
  readonly speakers: readonly string[];
  readonly turns: number;
  readonly words: number;
  readonly attributes: Readonly<Record<string, string>>;
  readonly createdAt: number;
}

/** A project's home: its transcripts, its codebook, and who is here. */
export function ProjectPage({ projectId }: { projectId: string }) {
  const { user } = useSession();
  const [project, setProject] = useState<ProjectSummary | null>(null);
  const [transcripts, setTranscripts] = useState<TranscriptSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const room = useRoom(project ? `project.${projectId}` : null);
  const doc = room.connection?.doc ?? null;
  const codes = useObserved(doc ? projectCodes(doc) : null, () => (doc ? listCodes(doc) : []));
  // A link to a thread on a code (from the inbox) opens that code's details, where the thread is.
  const linkedThread = new URLSearchParams(useSearch()).get("thread");
  const linkedRoom = useRoom(linkedThread ? `discussion.${projectId}` : null);
  const linkedCode = useObserved(
    linkedRoom.connection ? discussionThreads(linkedRoom.connection.doc) : null,
    () => {
      const map =
        linkedThread && linkedRoom.connection
          ? discussionThreads(linkedRoom.connection.doc).get(linkedThread)
          : undefined;
      const target = map ? readThread(map).target : null;
      return target?.kind === "code" ? target.codeId : null;
    },
  );
  // The server touches this whenever any of the project's discussions changes.
  const threadsChangedAt = useObserved(
    doc ? projectMeta(doc) : null,
    () => doc && projectMeta(doc).get("threadsChangedAt"),
  );
  const changedAt = useObserved(
    doc ? projectMeta(doc) : null,
    () => doc && projectMeta(doc).get("transcriptsChangedAt"),
  );
  const present = usePresence(room.connection?.provider.awareness ?? null);
  const [rawCounts, setRawCounts] = useState<Record<string, { codings: number; transcripts: number }>>({});
  // Counts per code across transcripts, following merges (a merged code's codings count as its target's).
  const counts = useMemo(() => {
    const byId = new Map(codes.map((c) => [c.id, c]));
    const result = new Map<string, { codings: number; transcripts: number }>();
    for (const [codeId, count] of Object.entries(rawCounts)) {
      const id = effectiveCodeId(byId, codeId);
      const previous = result.get(id);
      result.set(id, {
        codings: (previous?.codings ?? 0) + count.codings,
        transcripts: Math.max(previous?.transcripts ?? 0, count.transcripts),
      });
    }
    return result;
  }, [codes, rawCounts]);

  const loadTranscripts = useCallback(async () => {
    const [result, countResult] = await Promise.all([
      api<{ transcripts: TranscriptSummary[] }>("GET", `/projects/${projectId}/transcripts`),
      api<{ counts: Record<string, { codings: number; transcripts: number }> }>(
        "GET",
        `/projects/${projectId}/transcripts/code-counts`,
      ),
    ]);
    setTranscripts(result.transcripts);
    setRawCounts(countResult.counts);
  }, [projectId]);

  // And the project's settings or memberships (its lock, this person's role): fetched again.
  const projectChangedAt = useObserved(
    doc ? projectMeta(doc) : null,
    () => doc && projectMeta(doc).get("projectChangedAt"),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: projectChangedAt is the trigger
  useEffect(() => {
    api<{ project: ProjectSummary }>("GET", `/projects/${projectId}`).then(
      (result) => setProject(result.project),
      (error: Error) => setProblem(error.message),
    );
    api<{ members: Member[] }>("GET", `/projects/${projectId}/members`).then(
      (result) => {
        projectPeople.setMembers(result.members);
        setMembers(result.members);
      },
      () => {},
    );
  }, [projectId, projectChangedAt]);
  // The server touches the project document whenever the transcript list changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: changedAt is the trigger
  useEffect(() => {
    void loadTranscripts().catch((error: Error) => setProblem(error.message));
  }, [loadTranscripts, changedAt]);
  useEffect(() => {
    if (!user || !room.connection) return;
    room.connection.provider.awareness.setLocalStateField("user", {
      id: user.id,
      name: user.name,
      color: projectPeople.of(user.id),
    });
  }, [user, room.connection]);

  if (problem) {
    return (
      <main className="page">
        <p role="alert">{problem}</p>
        <Link href="/">Back to your projects</Link>
      </main>
    );
  }
  if (!project || !user) return <main className="page">Opening the project…</main>;
  const canImport = project.role !== "observer" && project.archivedAt === null;
  const canEditProjectDoc =
    project.archivedAt === null &&
    (project.role === "owner" || (project.role === "coder" && !project.codebookLocked));
  const nameOf = (id: string) => members.find((m) => m.userId === id)?.name ?? "a former member";
  const knownKeys = [...new Set(transcripts?.flatMap((t) => Object.keys(t.attributes)) ?? [])].sort();
  return (
    <main className="page wide">
      <div className="workspace-bar">
        <h2>{project.name}</h2>
        <PresenceBar present={present} selfId={user.id} following={null} onFollow={() => {}} />
        <ConnectionBadge state={room.state} pending={false} />
      </div>
      <RoomResetNotice resets={[room.reset]} />
      <p>
        You are{" "}
        <strong>
          {project.role === "owner" ? "an owner" : project.role === "observer" ? "an observer" : "a coder"}
        </strong>{" "}
        of this project.
        {project.archivedAt !== null && " It is archived: everything is read-only."}{" "}
        <Link href={`/projects/${project.id}/settings`}>
          {project.role === "owner" ? "Settings and members" : "Members"}
        </Link>
      </p>
      <div className="project-columns">
        <section aria-labelledby="transcripts-heading">
          <h3 id="transcripts-heading">Transcripts</h3>
          {canImport && (
            <button type="button" onClick={() => setImporting(true)}>
              Import transcripts…
            </button>
          )}
          {transcripts && transcripts.length === 0 && <p className="hint">No transcripts yet.</p>}
          <ul className="project-list" aria-label="Transcripts">
            {transcripts?.map((t) => (
              <li key={t.id}>
                <Link href={`/projects/${project.id}/transcripts/${t.id}`}>{t.name}</Link>
                <span className="hint">
                  {counted(t.speakers.length, "speaker")} · {counted(t.turns, "turn")} ·{" "}
                  {counted(t.words, "word")}
                </span>
                {Object.keys(t.attributes).length > 0 && (
                  <ul className="attributes" aria-label={`Attributes of ${t.name}`}>
                    {Object.entries(t.attributes).map(([key, value]) => (
                      <li key={key}>
                        {key}: <strong>{value}</strong>
                      </li>
                    ))}
                  </ul>
                )}
                {canImport && editing !== t.id && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Edit details of ${t.name}`}
                    onClick={() => setEditing(t.id)}
                  >
                    Details…
                  </button>
                )}
                {project.role === "owner" && editing !== t.id && (
                  <DeleteTranscriptDialog
                    projectId={project.id}
                    transcript={t}
                    onDeleted={() => void loadTranscripts()}
                  />
                )}
                {editing === t.id && (
                  <TranscriptDetailsForm
                    projectId={project.id}
                    transcript={t}
                    knownKeys={knownKeys}
                    onCancel={() => setEditing(null)}
                    onSaved={() => {
                      setEditing(null);
                      void loadTranscripts();
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        </section>
        {doc && (
          <CodebookPanel
            doc={doc}
            codes={codes}
            userId={user.id}
            canEdit={project.role === "owner" || (project.role === "coder" && !project.codebookLocked)}
            locked={project.codebookLocked}
            openCode={linkedCode}
            counts={counts}
            projectId={project.id}
            canComment={project.archivedAt === null}
            members={members}
          />
        )}
      </div>
      <RoundsSection
        projectId={project.id}
        role={project.role}
        userId={user.id}
        archived={project.archivedAt !== null}
        transcripts={transcripts ?? []}
        members={members}
        codes={codes}
        refresh={String(projectChangedAt)}
      />
      <div className="project-columns">
        <OpenThreads
          projectId={project.id}
          nameOf={nameOf}
          codeName={(id) => codes.find((c) => c.id === id)?.name ?? "(deleted code)"}
          refresh={`${String(changedAt)}:${String(threadsChangedAt)}`}
        />
        {doc && (
          <MemoPanel
            doc={doc}
            memo="project"
            awareness={room.connection?.provider.awareness ?? null}
            userId={user.id}
            editable={canEditProjectDoc}
            title="Project memo"
            nameOf={nameOf}
          />
        )}
      </div>
      {importing && (
        <Suspense fallback={<p className="hint">Opening the importer…</p>}>
          <ImportDialog
            projectId={project.id}
            onClose={() => setImporting(false)}
            onImported={() => void loadTranscripts()}
          />
        </Suspense>
      )}
    </main>
  );
}
