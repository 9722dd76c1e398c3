import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, posix } from "node:path";
import { describe, it } from "node:test";

// A CommonJS module whose typings declare an ES default export: required, it is the function itself.
const dockerignore = createRequire(import.meta.url)("@balena/dockerignore") as typeof import("@balena/dockerignore").default;

/**
 * The image's build stage, reproduced without Docker: the build context is what .dockerignore
 * admits of the repository, the stage's COPY instructions place exactly those files in an
 * empty folder, and its RUN instructions run there. A file the build needs but the stage does
 * not copy (or .dockerignore leaves out) fails here as it would fail `docker build`.
 *
 * The one liberty taken: `npm ci` runs with --offline, from the npm cache the suite's own
 * install filled, because tests never reach the network.
 */
const root = new URL("../../", import.meta.url).pathname;

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(): string[] {
  return readFileSync(join(root, "Dockerfile"), "utf8")
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

/** The build stage: from its FROM to the next FROM. */
export function buildStage(lines: string[]): string[] {
  const starts = lines.flatMap((line, i) => (line.startsWith("FROM ") ? [i] : []));
  assert.ok(starts.length >= 2, "the Dockerfile has no separate build stage");
  return lines.slice(starts[0], starts[1]);
}

/** What `docker build .` would send: the repository's files, less what .dockerignore leaves out. */
export function buildContext(): string[] {
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean);
  const rules = existsSync(join(root, ".dockerignore")) ? readFileSync(join(root, ".dockerignore"), "utf8") : "";
  return dockerignore()
    .add(rules)
    .filter(files.filter((f) => existsSync(join(root, f))));
}

/** Places the context files one COPY instruction names, as Docker does, under `workdir`. */
export function copy(line: string, context: string[], into: string, workdir: string): string[] {
  const words = line
    .split(/\s+/)
    .slice(1)
    .filter((w) => !w.startsWith("--"));
  const dest = words.pop() as string;
  const copied: string[] = [];
  for (const source of words) {
    assert.doesNotMatch(source, /[*?[]/, `${line}: wildcards are not reproduced here`);
    const clean = posix.normalize(source).replace(/\/$/, "").replace(/^\.\//, "");
    const target = posix.resolve(workdir, dest);
    const asDirectory = context.filter((f) => clean === "." || f.startsWith(`${clean}/`));
    if (asDirectory.length > 0) {
      for (const file of asDirectory) copied.push(place(file, posix.join(target, clean === "." ? file : file.slice(clean.length + 1))));
      continue;
    }
    assert.ok(context.includes(clean), `${line}: ${source} is not in the build context (missing, or left out by .dockerignore)`);
    const intoDirectory = dest.endsWith("/") || words.length > 1;
    copied.push(place(clean, intoDirectory ? posix.join(target, posix.basename(clean)) : target));
  }
  return copied;

  function place(file: string, at: string): string {
    const path = join(into, at);
    mkdirSync(dirname(path), { recursive: true });
    copyFileSync(join(root, file), path);
    return at;
  }
}

describe("the Docker build stage, reproduced from what it copies", { timeout: 280_000 }, () => {
  it("builds dist/cli.js from exactly the files the Dockerfile copies and .dockerignore admits", () => {
    const stage = buildStage(instructions());
    const context = buildContext();
    const into = mkdtempSync(join(tmpdir(), "quo-mcp-docker-stage-"));
    try {
      let workdir = "/";
      for (const line of stage.slice(1)) {
        const [instruction] = line.split(/\s+/, 1);
        if (instruction === "WORKDIR") {
          workdir = posix.resolve(workdir, line.slice("WORKDIR ".length).trim());
          mkdirSync(join(into, workdir), { recursive: true });
        } else if (instruction === "COPY") {
          assert.doesNotMatch(line, /--from/, "the build stage copies from another stage");
          copy(line, context, into, workdir);
        } else if (instruction === "RUN") {
          const command = line.slice("RUN ".length).replace(/\bnpm ci\b/g, "npm ci --offline");
          const run = spawnSync("sh", ["-c", command], { cwd: join(into, workdir), encoding: "utf8" });
          assert.equal(run.status, 0, `RUN ${command} failed in the reproduced stage:\n${run.stdout}\n${run.stderr}`);
        } else {
          assert.ok(["ENV", "ARG", "LABEL"].includes(instruction as string), `${instruction} is not reproduced here: ${line}`);
        }
      }
      assert.ok(existsSync(join(into, workdir, "dist", "cli.js")), "the stage's build left no dist/cli.js");
      const version = spawnSync(process.execPath, [join(into, workdir, "dist", "cli.js"), "--version"], { encoding: "utf8" });
      assert.equal(version.status, 0, version.stderr);
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });

  it("fails, as docker build would, when a copied file is left out of the context", () => {
    const context = buildContext().filter((f) => f !== "scripts/build.mjs");
    const into = mkdtempSync(join(tmpdir(), "quo-mcp-docker-stage-"));
    try {
      assert.throws(() => copy("COPY scripts/build.mjs ./scripts/", context, into, "/app"), /not in the build context/);
      assert.deepEqual(
        copy("COPY src ./src", buildContext(), into, "/app").every((p) => p.startsWith("/app/src/")),
        true,
      );
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });
});
