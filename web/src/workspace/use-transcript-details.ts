import { useEffect, useState } from "react";
import { api, type Member, type ProjectSummary } from "../api/api-client";
import { projectPeople } from "../collab/person-colours";

/** What the server says of a transcript: its name, speakers and length. */
export interface TranscriptInfo {
  readonly id: string;
  readonly name: string;
  readonly speakers: readonly string[];
  readonly words: number;
}

const roleWords: Record<string, string> = {
  owner: "owner: you may also correct the text",
  coder: "coder: you may code",
  observer: "observer: you may read and comment, not code",
};

/**
 * The project (with this person's role), the transcript and the members, fetched once and the project
 * again whenever the server says it changed (`projectChangedAt`, from the project room); a role that
 * changed while the page is open is said in words (`roleNote`), not only shown by what can be done.
 */
export function useTranscriptDetails(projectId: string, transcriptId: string, projectChangedAt: unknown) {
  const [project, setProject] = useState<ProjectSummary | null>(null);
  const [transcript, setTranscript] = useState<TranscriptInfo | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [roleNote, setRoleNote] = useState<string | null>(null);
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
  return { project, transcript, members, problem, roleNote, dismissRoleNote: () => setRoleNote(null) };
}
