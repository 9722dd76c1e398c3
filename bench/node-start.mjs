// Node's own start and exit: what every cold-start figure is a ratio to, in the bench
// (figures/cold-start.ts) and in the side-by-side comparison of builds (compare-builds.mjs).
import { spawn } from "node:child_process";

/** Milliseconds from spawning `node -e ""` to its exit, with only PATH and HOME from the environment. */
export function nodeNoop() {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, ["-e", ""], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" }, stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", () => resolve(performance.now() - began));
  });
}
