import { api, type Member } from "../api/api-client";
import { FormError } from "../components/FormError";
import { useAction } from "../components/use-action";

const roles = ["owner", "coder", "observer"] as const;

/** The member table: owners change roles and remove people; everyone may leave. */
export function MembersSection(props: {
  projectId: string;
  members: Member[];
  isOwner: boolean;
  currentUserId: string;
  onChange: (members: Member[] | null) => void;
}) {
  const { projectId, members, isOwner, currentUserId, onChange } = props;
  const change = useAction(async (userId: string, role: string) => {
    const result = await api<{ members: Member[] }>("PATCH", `/projects/${projectId}/members/${userId}`, {
      role,
    });
    onChange(result.members);
  });
  const remove = useAction(async (member: Member) => {
    const leaving = member.userId === currentUserId;
    const question = leaving ? "Leave this project?" : `Remove ${member.name} from this project?`;
    if (!window.confirm(question)) return;
    await api("DELETE", `/projects/${projectId}/members/${member.userId}`);
    onChange(leaving ? null : members.filter((m) => m.userId !== member.userId));
  });
  return (
    <section aria-labelledby="members-heading">
      <h3 id="members-heading">Members</h3>
      <table className="members">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.userId} data-member={member.email}>
              <td>{member.name}</td>
              <td>{member.email}</td>
              <td>
                {isOwner ? (
                  <select
                    aria-label={`Role of ${member.name}`}
                    value={member.role}
                    disabled={change.busy}
                    onChange={(e) => void change.run(member.userId, e.target.value)}
                  >
                    {roles.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                ) : (
                  member.role
                )}
              </td>
              <td>
                {(isOwner || member.userId === currentUserId) && (
                  <button type="button" className="link-button" onClick={() => void remove.run(member)}>
                    {member.userId === currentUserId ? "Leave" : "Remove"}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError message={change.error ?? remove.error} />
    </section>
  );
}
