import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link, useLocation } from "wouter";
import { api, type ProjectSummary } from "../api/api-client";
import { FormError } from "../components/FormError";
import { useAction } from "../components/use-action";
import { OfferList } from "./OfferList";

/** The signed-in person's projects, and a form to start a new one. */
export function ProjectsPage() {
  const [, navigate] = useLocation();
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [name, setName] = useState("");
  const load = useCallback(async () => {
    const result = await api<{ projects: ProjectSummary[] }>("GET", "/projects");
    setProjects(result.projects);
  }, []);
  const loading = useAction(load);
  useEffect(() => {
    void loading.run();
  }, [loading.run]);
  const create = useAction(async () => {
    const result = await api<{ project: ProjectSummary }>("POST", "/projects", { name });
    navigate(`/projects/${result.project.id}`);
  });
  const demo = useAction(async () => {
    const result = await api<{ project: ProjectSummary }>("POST", "/demo-project");
    navigate(`/projects/${result.project.id}`);
  });
  const handleCreate = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  return (
    <main className="page">
      <h2>Your projects</h2>
      <FormError message={loading.error} />
      <OfferList onJoined={() => void loading.run()} />
      {projects && projects.length === 0 && (
        <div className="empty-state">
          <p>You are not in any project yet. Start one below, or look around a demo first.</p>
          <button type="button" onClick={() => void demo.run()} disabled={demo.busy}>
            {demo.busy ? "Creating the demo…" : "Try the demo project"}
          </button>
          <p className="hint">
            Three short interviews about co-production in health and social care integration, with a starter
            codebook.
          </p>
          <FormError message={demo.error} />
        </div>
      )}
      {projects && projects.length > 0 && (
        <ul className="project-list" aria-label="Projects">
          {projects.map((project) => (
            <li key={project.id}>
              <Link href={`/projects/${project.id}`}>{project.name}</Link>
              <span className={`badge role-${project.role}`}>{project.role}</span>
              {project.archivedAt !== null && <span className="badge">archived</span>}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={handleCreate} className="inline-form" aria-label="Start a project">
        <label>
          New project
          <input
            placeholder="e.g. Co-production in health and social care integration"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" disabled={create.busy}>
          Create project
        </button>
      </form>
      <FormError message={create.error} />
    </main>
  );
}
