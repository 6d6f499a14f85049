import type { Token } from "markdown-it";
import MarkdownIt from "markdown-it";

/**
 * A comment as something safe to show: a tree of the few kinds of node comments may have. Nothing in
 * it is HTML; a renderer builds elements from it, so a comment can never inject markup or script.
 */
export type FormattedNode =
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "mention"; readonly userId: string; readonly name: string }
  | { readonly type: "break" }
  | { readonly type: "code"; readonly text: string }
  | { readonly type: "codeBlock"; readonly text: string }
  | { readonly type: "link"; readonly href: string; readonly children: readonly FormattedNode[] }
  | {
      readonly type: "paragraph" | "emphasis" | "strong" | "quote" | "bullets" | "numbers" | "item";
      readonly children: readonly FormattedNode[];
    };

/** A member a comment may mention, as `@Name` in its text. */
export interface Mentionable {
  readonly userId: string;
  readonly name: string;
}

let parser: MarkdownIt | null = null;

/**
 * The parser, made when the first comment is formatted (building it compiles many rules, which a
 * page that shows no comment yet should not wait for). Only the subset comments need: emphasis,
 * links, lists, quotes and code. Raw HTML stays text.
 */
function markdown(): MarkdownIt {
  parser ??= new MarkdownIt("zero", { html: false, linkify: true, breaks: true }).enable([
    "paragraph",
    "blockquote",
    "list",
    "fence",
    "code",
    "newline",
    "escape",
    "backticks",
    "emphasis",
    "link",
    "autolink",
    "linkify",
  ]);
  return parser;
}

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** The link's address if it is a web or mail address, else null (so `javascript:` shows as text). */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

type Container = { type: string; href?: string | null; children: FormattedNode[] };

const OPENERS: Record<string, FormattedNode["type"]> = {
  paragraph_open: "paragraph",
  blockquote_open: "quote",
  bullet_list_open: "bullets",
  ordered_list_open: "numbers",
  list_item_open: "item",
  em_open: "emphasis",
  strong_open: "strong",
  link_open: "link",
};

/** Splits text at `@Name` for the mentioned members (longest names first, so "@Ann Lee" beats "@Ann"). */
function withMentions(text: string, mentions: readonly Mentionable[]): FormattedNode[] {
  if (mentions.length === 0 || !text.includes("@")) return [{ type: "text", text }];
  const byLength = [...mentions].sort((a, b) => b.name.length - a.name.length);
  const nodes: FormattedNode[] = [];
  let plain = "";
  for (let i = 0; i < text.length; ) {
    const found = text[i] === "@" ? byLength.find((m) => text.startsWith(`@${m.name}`, i)) : undefined;
    if (found) {
      if (plain) nodes.push({ type: "text", text: plain });
      plain = "";
      nodes.push({ type: "mention", userId: found.userId, name: found.name });
      i += found.name.length + 1;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  if (plain) nodes.push({ type: "text", text: plain });
  return nodes;
}

function finish(container: Container): FormattedNode {
  if (container.type === "link") {
    // An address that is not safe to follow keeps its words, without the link.
    return container.href
      ? { type: "link", href: container.href, children: container.children }
      : { type: "paragraph", children: container.children };
  }
  return { type: container.type as "paragraph", children: container.children };
}

/**
 * Parses a comment's Markdown into {@link FormattedNode}s. `mentions` are the members the comment
 * mentions (by id, with their current names), drawn as mentions where `@Name` appears.
 */
export function formatComment(body: string, mentions: readonly Mentionable[] = []): FormattedNode[] {
  const root: Container = { type: "root", children: [] };
  const stack: Container[] = [root];
  const top = () => stack[stack.length - 1] as Container;
  const walk = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      const opened = OPENERS[token.type];
      if (opened) {
        // Tight lists hide their paragraphs; keep the words, drop the wrapper.
        if (token.type === "paragraph_open" && token.hidden) continue;
        const container: Container = { type: opened, children: [] };
        if (opened === "link") container.href = safeHref(token.attrGet("href") ?? "");
        stack.push(container);
      } else if (token.type.endsWith("_close")) {
        if (token.type === "paragraph_close" && token.hidden) continue;
        const closed = stack.pop();
        if (closed && stack.length > 0) {
          const node = finish(closed);
          // An unsafe link inside a paragraph: its words join the paragraph.
          if (closed.type === "link" && node.type === "paragraph") top().children.push(...node.children);
          else top().children.push(node);
        }
      } else if (token.type === "inline") {
        walk(token.children ?? []);
      } else if (token.type === "text") {
        const inLink = stack.some((c) => c.type === "link");
        top().children.push(
          ...(inLink
            ? [{ type: "text", text: token.content } as const]
            : withMentions(token.content, mentions)),
        );
      } else if (token.type === "code_inline") {
        top().children.push({ type: "code", text: token.content });
      } else if (token.type === "fence" || token.type === "code_block") {
        top().children.push({ type: "codeBlock", text: token.content.replace(/\n$/, "") });
      } else if (token.type === "softbreak" || token.type === "hardbreak") {
        top().children.push({ type: "break" });
      }
    }
  };
  walk(markdown().parse(body, {}));
  return root.children;
}

/** The words of a comment without its formatting, for excerpts (an inbox line, a notification). */
export function plainText(nodes: readonly FormattedNode[]): string {
  const parts: string[] = [];
  const visit = (node: FormattedNode) => {
    switch (node.type) {
      case "text":
      case "code":
      case "codeBlock":
        parts.push(node.text);
        return;
      case "mention":
        parts.push(`@${node.name}`);
        return;
      case "break":
        parts.push(" ");
        return;
      default:
        for (const child of node.children) visit(child);
        if (node.type === "paragraph" || node.type === "item" || node.type === "quote") parts.push(" ");
    }
  };
  for (const node of nodes) visit(node);
  return parts.join("").replace(/\s+/g, " ").trim();
}
