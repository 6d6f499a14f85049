// Optional CPU profiles for the workspace benchmark (BENCH_PROFILE=1): records a page's JavaScript
// while a measured step runs and prints where the time went, by function, heaviest first.
import { writeFile } from "node:fs/promises";
import type { CDPSession, Page } from "playwright-core";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Whether profiles were asked for. */
export const profiling = process.env.BENCH_PROFILE === "1";

/** Starts recording `page`; the returned function stops, saves the profile and prints a summary. */
export async function startProfile(page: Page, name: string): Promise<() => Promise<void>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  return async () => {
    const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
    const file = `/tmp/concord-${name}.cpuprofile`;
    await writeFile(file, JSON.stringify(profile));
    const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const frame = byNode.get(id)?.callFrame;
      const delta = (profile.timeDeltas[i] ?? 0) / 1000;
      if (!frame || frame.functionName === "(idle)" || frame.functionName === "(program)") return;
      const file = frame.url.split("/").at(-1) ?? "";
      const key = `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + delta);
      total += delta;
    });
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
    process.stderr.write(`\n${name}: ${total.toFixed(0)} ms of JavaScript, saved to ${file}\n`);
    for (const [key, ms] of top) process.stderr.write(`${ms.toFixed(1).padStart(8)} ms  ${key}\n`);
  };
}
