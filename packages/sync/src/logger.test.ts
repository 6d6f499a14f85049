import { describe, expect, it } from "vitest";
import { type LogFields, type Logger, withFields } from "./logger";

function recorder(lines: [string, LogFields, string][], children: LogFields[]): Logger {
  const at = (level: string) => (fields: LogFields, message: string) => {
    lines.push([level, fields, message]);
  };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child(fields) {
      children.push(fields);
      return recorder(lines, children);
    },
  };
}

describe("a logger with fields of its own", () => {
  it("adds them to every line it passes on, its own fields first and the line's winning, and makes no child", () => {
    const lines: [string, LogFields, string][] = [];
    const children: LogFields[] = [];
    const log = withFields(recorder(lines, children), { room: "r", conn: "c" });
    log.debug({ access: "read-write" }, "opened");
    log.warn({ conn: "other" }, "odd");
    log.child({ step: 2 }).error({}, "failed");
    expect(lines).toEqual([
      ["debug", { room: "r", conn: "c", access: "read-write" }, "opened"],
      ["warn", { room: "r", conn: "other" }, "odd"],
      ["error", { room: "r", conn: "c", step: 2 }, "failed"],
    ]);
    expect(children).toEqual([]);
  });
});
