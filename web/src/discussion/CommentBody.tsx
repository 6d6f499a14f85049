import type { FormattedNode, Mentionable } from "@concord/discussion";
import type { ReactNode } from "react";
import { useCommentFormatter } from "./comment-formatter";

/**
 * Draws a comment formatted, as React elements, node by node. Nothing is ever set as HTML, so words
 * in a comment stay words whatever they look like; links open in a new tab without access to this
 * one. Until the formatter has loaded (the first moment a page shows comments), the words as written.
 */
export function CommentBody({ body, mentions }: { body: string; mentions: readonly Mentionable[] }) {
  const format = useCommentFormatter();
  const nodes: readonly FormattedNode[] = format ? format(body, mentions) : [{ type: "text", text: body }];
  return <div className="comment-body">{nodes.map(draw)}</div>;
}

function draw(node: FormattedNode, key: number): ReactNode {
  switch (node.type) {
    case "text":
      return node.text;
    case "break":
      return <br key={key} />;
    case "code":
      return <code key={key}>{node.text}</code>;
    case "codeBlock":
      return (
        <pre key={key}>
          <code>{node.text}</code>
        </pre>
      );
    case "mention":
      return (
        <span key={key} className="mention" data-user-id={node.userId}>
          @{node.name}
        </span>
      );
    case "link":
      return (
        <a key={key} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
          {node.children.map(draw)}
        </a>
      );
    case "paragraph":
      return <p key={key}>{node.children.map(draw)}</p>;
    case "emphasis":
      return <em key={key}>{node.children.map(draw)}</em>;
    case "strong":
      return <strong key={key}>{node.children.map(draw)}</strong>;
    case "quote":
      return <blockquote key={key}>{node.children.map(draw)}</blockquote>;
    case "bullets":
      return <ul key={key}>{node.children.map(draw)}</ul>;
    case "numbers":
      return <ol key={key}>{node.children.map(draw)}</ol>;
    case "item":
      return <li key={key}>{node.children.map(draw)}</li>;
  }
}
