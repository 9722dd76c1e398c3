// `npm run bench`: builds, then measures each figure in turn, prints one table and writes
// bench/results.md and the README's performance section. Every "versus" is measured in the same
// run, paired and alternating, so the ratios hold on a noisy machine. A target that is missed
// says MISS; a figure that breaks says why and the others still run.
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { coldStart } from "./figures/cold-start.js";
import { outputEconomy } from "./figures/economy.js";
import { httpFace } from "./figures/http.js";
import { inbound } from "./figures/inbound.js";
import { addedLatency } from "./figures/latency.js";
import { memory } from "./figures/memory.js";
import { rateLimitFidelity } from "./figures/rate-limit.js";
import { replicasFigure } from "./figures/replicas.js";
import { toolDefinitions } from "./figures/tool-definitions.js";
import { type Fake, QUICK, startFake } from "./lib.js";
import { buildReferenceBundle } from "./reference-bundle.js";
import type { FigureResult, Row } from "./report-types.js";

const RESULTS = new URL("./results.md", import.meta.url);
/** The README's performance section, regenerated with every full run so it always shows the latest table. */
const README = new URL("../README.md", import.meta.url);

function commit(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    // The two files this script rewrites do not make the measured code "uncommitted".
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results.md", ":!README.md"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return "unknown";
  }
}

/** The bin and the server bundle it loads (dist/cli.js and dist/server.js), and what the build puts beside them. */
function bundleBytes(): { loaded: number; beside: number } {
  const dist = new URL("./.dist/", import.meta.url);
  const size = (f: string) => statSync(new URL(f, dist)).size;
  const loaded = ["cli.js", "server.js"];
  const beside = readdirSync(dist).filter((f) => /\.(js|json)$/.test(f) && !loaded.includes(f) && f !== "package.json");
  const views = readdirSync(new URL("views/", dist)).map((f) => `views/${f}`);
  return { loaded: loaded.reduce((sum, f) => sum + size(f), 0), beside: [...beside, ...views].reduce((sum, f) => sum + size(f), 0) };
}

function machine() {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const bytes = bundleBytes();
  return {
    cores: availableParallelism(),
    cpu,
    memoryGb: (totalmem() / 2 ** 30).toFixed(0),
    node: process.version,
    date: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    commit: commit(),
    bundleKb: (bytes.loaded / 1024).toFixed(0),
    besideKb: (bytes.beside / 1024).toFixed(0),
  };
}

/**
 * The figures, in the order they run and are reported. A new figure is one more entry: its id
 * (what `node --import tsx bench/run.ts ID` selects) and a function of the shared fake gateway.
 */
interface Figure {
  id: string;
  title: string;
  run: (fake: Fake) => Promise<FigureResult>;
}

const figures: Figure[] = [
  { id: "1", title: "1. Cold start", run: coldStart },
  { id: "2", title: "2. Added latency per call (stdio)", run: addedLatency },
  { id: "3", title: "3. Output economy", run: outputEconomy },
  { id: "4", title: "4. Memory", run: memory },
  { id: "5", title: "5. Streamable HTTP", run: httpFace },
  { id: "6", title: "6. Tool definitions", run: toolDefinitions },
  { id: "7", title: "7. Rate-limit fidelity", run: rateLimitFidelity },
  { id: "8", title: "8. Hearing the reply", run: inbound },
  { id: "9", title: "9. Replicas (Redis)", run: replicasFigure },
];

async function figure(title: string, run: () => Promise<FigureResult>): Promise<FigureResult> {
  process.stderr.write(`bench: ${title}...\n`);
  const start = Date.now();
  try {
    const result = await run();
    process.stderr.write(`bench: ${title} done in ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
    return result;
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    process.stderr.write(`bench: ${title} failed: ${message}\n`);
    return { title, rows: [{ figure: title.slice(0, 1), metric: title, value: `error: ${message.slice(0, 200)}`, target: "", status: "MISS" }], notes: [] };
  }
}

function table(rows: Row[]): string {
  const header = ["#", "figure", "value: median (min-max)", "target", ""];
  const cells = rows.map((r) => [r.figure, r.metric, r.value, r.target, r.status]);
  const escapePipes = (s: string) => s.replace(/\|/g, "\\|");
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...cells.map((c) => `| ${c.map(escapePipes).join(" | ")} |`)].join("\n");
}

function plain(rows: Row[]): string {
  const cells = [["#", "figure", "value: median (min-max)", "target", ""], ...rows.map((r) => [r.figure, r.metric, r.value, r.target, r.status])];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => (c[i] as string).length)));
  return cells
    .map((c) =>
      c
        .map((cell, i) => cell.padEnd(widths[i] as number))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

// `node --import tsx bench/run.ts 3 4` runs only those figures (and leaves results.md alone).
const only = new Set(process.argv.slice(2));
const wanted = (n: string) => only.size === 0 || only.has(n);
const started = Date.now();
// Measure a snapshot of what `npm run build` just produced (bench/.dist resolves node_modules
// like dist/ does, for a build that leaves packages external).
const snapshot = new URL("./.dist/", import.meta.url);
rmSync(snapshot, { recursive: true, force: true });
cpSync(new URL("../dist/", import.meta.url), snapshot, { recursive: true });
if (wanted("1") || wanted("4")) await buildReferenceBundle();
const info = machine();
const fake: Fake = await startFake();
const results: FigureResult[] = [];
try {
  for (const f of figures) if (wanted(f.id)) results.push(await figure(f.title, () => f.run(fake)));
} finally {
  await fake.close();
}

const rows = results.flatMap((r) => r.rows);
const missed = rows.filter((r) => r.status === "MISS").length;
const passed = rows.filter((r) => r.status === "PASS").length;
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const header = `${info.cores} cores (${info.cpu}), ${info.memoryGb} GiB, Node ${info.node}, ${info.date}, commit ${info.commit}, bundle (dist/cli.js + dist/server.js) ${info.bundleKb} KiB, ${info.besideKb} KiB beside it read only when needed`;

process.stdout.write(`\nquo-mcp benchmark: ${header}\n\n${plain(rows)}\n\n${passed} targets met, ${missed} missed (${minutes} min)\n`);

const markdown = [
  "# Benchmark results",
  "",
  `Produced by \`npm run bench\` on ${header}. Run time ${minutes} min.`,
  "",
  table(rows),
  "",
  `${passed} targets met, ${missed} missed (MISS).`,
  "",
  "## How each figure is taken",
  "",
  ...results.flatMap((r) => [`- **${r.title}.** ${r.notes.join(" ")}`]),
  "",
].join("\n");
const section = [
  `Measured with \`npm ci && npm run bench\` (${minutes} min, no network: the gateway is a loopback fake) on ${header}.`,
  'Each figure is what a user waits for or pays, given as median (min-max) over repeated runs. Every comparison (with `node -e ""`, with a bare SDK server doing the same request) is paired and alternated in the same run, so a busy moment slows both sides of a pair; the absolute times follow the machine, the ratios and differences much less.',
  `Targets that are not met are marked MISS (${missed} of ${passed + missed} in this run). How each figure is taken, in a line each: [bench/results.md](bench/results.md).`,
  "",
  table(rows),
  "",
].join("\n");

if (only.size === 0 && !QUICK) {
  writeFileSync(RESULTS, markdown);
  // The README's performance section is the table of the latest run, between two markers.
  const readme = readFileSync(README, "utf8").replace(
    /(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/,
    (_, start, end) => `${start}\n${section}\n${end}`,
  );
  writeFileSync(README, readme);
  process.stdout.write(`wrote ${RESULTS.pathname} and the performance section of ${README.pathname}\n`);
}
