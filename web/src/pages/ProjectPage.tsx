import { useEffect, useState } from "react";
import { Link } from "wouter";
import { api, type ProjectSummary } from "../api/api-client";

/** A project's home. The transcript workspace will live here; for now it shows who is in it. */
export function ProjectPage({ projectId }: { projectId: string }) {
  const [project, setProject] = useState<ProjectSummary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api<{ project: ProjectSummary }>("GET", `/projects/${projectId}`).then(
      (result) => setProject(result.project),
      (error: Error) => setProblem(error.message),
    );
  }, [projectId]);
  if (problem) {
    return (
      <main className="page">
        <p role="alert">{problem}</p>
        <Link href="/">Back to your projects</Link>
      </main>
    );
  }
  if (!project) return <main className="page">Opening the project…</main>;
  return (
    <main className="page">
      <h2>{project.name}</h2>
      <p>
        You are <strong>{project.role === "owner" ? "an owner" : `a ${project.role}`}</strong> of this
        project.
        {project.archivedAt !== null && " It is archived: everything is read-only."}
      </p>
      <p className="hint">Transcripts, the codebook and live coding arrive in the next release.</p>
      <nav className="actions">
        <Link href={`/projects/${project.id}/settings`}>
          {project.role === "owner" ? "Settings and members" : "Members"}
        </Link>
      </nav>
    </main>
  );
}
