import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link, useLocation } from "wouter";
import { api, type Member, type ProjectSummary } from "../api/api-client";
import { FormError } from "../components/FormError";
import { useAction } from "../components/use-action";
import { useSession } from "../session";
import { EmailInvitesSection } from "./EmailInvitesSection";
import { InvitesSection } from "./InvitesSection";
import { MembersSection } from "./MembersSection";

/** Project settings: name, archive, codebook lock (owners), members and invite links. */
export function ProjectSettingsPage({ projectId }: { projectId: string }) {
  const { user } = useSession();
  const [, navigate] = useLocation();
  const [project, setProject] = useState<ProjectSummary | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [name, setName] = useState("");
  const load = useCallback(async () => {
    const [p, m] = await Promise.all([
      api<{ project: ProjectSummary }>("GET", `/projects/${projectId}`),
      api<{ members: Member[] }>("GET", `/projects/${projectId}/members`),
    ]);
    setProject(p.project);
    setName(p.project.name);
    setMembers(m.members);
  }, [projectId]);
  const loading = useAction(load);
  useEffect(() => {
    void loading.run();
  }, [loading.run]);
  const update = useAction(async (change: Record<string, unknown>) => {
    const result = await api<{ project: ProjectSummary }>("PATCH", `/projects/${projectId}`, change);
    setProject(result.project);
  });
  const handleRename = (event: FormEvent) => {
    event.preventDefault();
    void update.run({ name });
  };
  if (!project || !user) {
    return (
      <main className="page">
        <FormError message={loading.error} />
        {!loading.error && "Loading…"}
      </main>
    );
  }
  const isOwner = project.role === "owner";
  return (
    <main className="page">
      <p>
        <Link href={`/projects/${project.id}`}>← {project.name}</Link>
      </p>
      <h2>Settings</h2>
      {isOwner && (
        <section aria-labelledby="project-heading">
          <h3 id="project-heading">Project</h3>
          <form onSubmit={handleRename} className="inline-form">
            <label>
              Name
              <input required value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <button type="submit" disabled={update.busy}>
              Rename
            </button>
          </form>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={project.codebookLocked}
              onChange={(e) => void update.run({ codebookLocked: e.target.checked })}
            />
            Lock the codebook (only owners may change codes)
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={project.archivedAt !== null}
              onChange={(e) => void update.run({ archived: e.target.checked })}
            />
            Archive the project (everything becomes read-only)
          </label>
          <FormError message={update.error} />
        </section>
      )}
      <MembersSection
        projectId={project.id}
        members={members}
        isOwner={isOwner}
        currentUserId={user.id}
        onChange={(next) => (next ? setMembers(next) : navigate("/"))}
      />
      {isOwner && <EmailInvitesSection projectId={project.id} />}
      {isOwner && <InvitesSection projectId={project.id} />}
    </main>
  );
}
