import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "./config";

describe("the server configuration", () => {
  it("serves on port 8080 with data in ./data by default", () => {
    const config = readConfig({}, { webRoot: "/web" });
    expect(config.port).toBe(8080);
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.webRoot).toBe("/web");
    expect(config.sqliteSynchronous).toBe("NORMAL");
  });

  it("takes PORT, HOST and DATA_DIR from the environment", () => {
    const config = readConfig({ PORT: "9000", HOST: "0.0.0.0", DATA_DIR: "/srv/concord" }, { webRoot: null });
    expect(config).toMatchObject({ port: 9000, host: "0.0.0.0", dataDir: "/srv/concord" });
  });

  it("names the variable and the value it cannot use", () => {
    expect(() => readConfig({ PORT: "eighty" }, { webRoot: null })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: "eighty" }, { webRoot: null })).toThrow(/PORT.*"eighty"/);
    expect(() => readConfig({ SQLITE_SYNCHRONOUS: "off" }, { webRoot: null })).toThrow(/SQLITE_SYNCHRONOUS/);
  });
});
