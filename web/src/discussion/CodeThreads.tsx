import { discussionThreads, listThreads } from "@concord/discussion";
import { useMemo, useState } from "react";
import { useObserved } from "../workspace/use-observed";
import { useRoom } from "../workspace/use-room";
import { Composer, type Person } from "./Composer";
import { discussionApi } from "./discussion-api";
import { ThreadCard } from "./ThreadCard";
import { useTyping } from "./use-typing";

/** The conversation about one code: its threads in the project's discussion, and a new one. */
export function CodeThreads(props: {
  projectId: string;
  codeId: string;
  codeName: string;
  userId: string;
  members: readonly Person[];
  readOnly: boolean;
}) {
  const { members } = props;
  const room = useRoom(`discussion.${props.projectId}`);
  const doc = room.connection?.doc ?? null;
  const threads = useObserved(doc ? discussionThreads(doc) : null, () =>
    doc ? listThreads(doc).filter((t) => t.target.kind === "code" && t.target.codeId === props.codeId) : [],
  );
  const [active, setActive] = useState<string | null>(null);
  const { typing, setTyping } = useTyping(room.connection?.provider.awareness ?? null, props.userId);
  const threadApi = useMemo(() => discussionApi(props.projectId, "project"), [props.projectId]);
  return (
    <section className="code-threads" aria-label={`Discussion of ${props.codeName}`}>
      <h4>Discussion</h4>
      {threads.map((thread) => (
        <ThreadCard
          key={thread.id}
          thread={thread}
          subject={props.codeName}
          members={members}
          userId={props.userId}
          api={threadApi}
          active={active === thread.id}
          typing={typing.get(thread.id) ?? []}
          onTyping={(now) => setTyping(now ? thread.id : null)}
          onSelect={() => setActive(active === thread.id ? null : thread.id)}
          readOnly={props.readOnly}
        />
      ))}
      {!props.readOnly && (
        <Composer
          label={`Comment on ${props.codeName}`}
          draftKey={`code:${props.codeId}`}
          members={members}
          submitLabel="Start a thread"
          onSubmit={async (body, mentions) => {
            const { thread } = await threadApi.start({ kind: "code", codeId: props.codeId }, body, mentions);
            setActive(thread.id);
          }}
        />
      )}
    </section>
  );
}
