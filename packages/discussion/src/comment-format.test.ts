import { describe, expect, it } from "vitest";
import { formatComment, plainText, safeHref } from "./comment-format";

describe("a comment's formatting", () => {
  it("keeps emphasis, strong, code, quotes, lists and web links", () => {
    const nodes = formatComment(
      "This is *implementation*, **not** `sustaining`.\n\n> quoted\n\n- one\n- two\n\n1. first\n\nSee https://example.org/a and [the guide](https://example.org/guide).",
    );
    expect(nodes).toEqual([
      {
        type: "paragraph",
        children: [
          { type: "text", text: "This is " },
          { type: "emphasis", children: [{ type: "text", text: "implementation" }] },
          { type: "text", text: ", " },
          { type: "strong", children: [{ type: "text", text: "not" }] },
          { type: "text", text: " " },
          { type: "code", text: "sustaining" },
          { type: "text", text: "." },
        ],
      },
      { type: "quote", children: [{ type: "paragraph", children: [{ type: "text", text: "quoted" }] }] },
      {
        type: "bullets",
        children: [
          { type: "item", children: [{ type: "text", text: "one" }] },
          { type: "item", children: [{ type: "text", text: "two" }] },
        ],
      },
      { type: "numbers", children: [{ type: "item", children: [{ type: "text", text: "first" }] }] },
      {
        type: "paragraph",
        children: [
          { type: "text", text: "See " },
          {
            type: "link",
            href: "https://example.org/a",
            children: [{ type: "text", text: "https://example.org/a" }],
          },
          { type: "text", text: " and " },
          {
            type: "link",
            href: "https://example.org/guide",
            children: [{ type: "text", text: "the guide" }],
          },
          { type: "text", text: "." },
        ],
      },
    ]);
  });

  it("shows script tags and event-handler attributes as plain text, never as markup", () => {
    const body = `<script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a>`;
    const nodes = formatComment(body);
    expect(nodes).toEqual([{ type: "paragraph", children: [{ type: "text", text: body }] }]);
  });

  it("drops the link but keeps the words for javascript:, data: and other unsafe addresses", () => {
    for (const href of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<b>x</b>",
      "vbscript:x",
      "ftp://example.org/file",
      "file:///etc/passwd",
    ]) {
      const nodes = formatComment(`[click me](${href})`);
      expect(plainText(nodes)).toContain("click me");
      expect(JSON.stringify(nodes)).not.toContain('"link"');
    }
    expect(safeHref("https://example.org/x?y=1")).toBe("https://example.org/x?y=1");
    expect(safeHref("mailto:team@example.org")).toBe("mailto:team@example.org");
    expect(safeHref("javascript:alert(1)")).toBeNull();
  });

  it("draws mentions of the members the comment mentions, longest name first, and not inside code", () => {
    const nodes = formatComment("@Ann Lee and @Ann, see `@Ann`", [
      { userId: "u1", name: "Ann" },
      { userId: "u2", name: "Ann Lee" },
    ]);
    expect(nodes).toEqual([
      {
        type: "paragraph",
        children: [
          { type: "mention", userId: "u2", name: "Ann Lee" },
          { type: "text", text: " and " },
          { type: "mention", userId: "u1", name: "Ann" },
          { type: "text", text: ", see " },
          { type: "code", text: "@Ann" },
        ],
      },
    ]);
    // Someone not mentioned stays text, even if their name follows an @.
    expect(formatComment("@Bob hi")).toEqual([
      { type: "paragraph", children: [{ type: "text", text: "@Bob hi" }] },
    ]);
  });

  it("gives the plain words for an inbox excerpt", () => {
    expect(
      plainText(formatComment("**Agree** with @Ann:\n\n- keep it", [{ userId: "u1", name: "Ann" }])),
    ).toBe("Agree with @Ann: keep it");
  });
});
