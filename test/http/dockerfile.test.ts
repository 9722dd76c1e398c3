import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { runCli, startHttp, TEST_TOKEN } from "./helpers.js";

const root = new URL("../../", import.meta.url).pathname;
const dockerfile = readFileSync(`${root}Dockerfile`, "utf8");

/** The instructions of the Dockerfile, continuation lines joined, comments dropped. */
const instructions = dockerfile
  .replace(/\\\n\s*/g, " ")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"));
const runtimeStage = instructions.slice(instructions.findLastIndex((line) => line.startsWith("FROM ")));
const env = Object.fromEntries(
  runtimeStage.filter((line) => line.startsWith("ENV ")).flatMap((line) => [...line.slice(4).matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])),
);
const healthcheck = runtimeStage.find((line) => line.startsWith("HEALTHCHECK "));

describe("Dockerfile", () => {
  it("passes the Dockerfile linter (dockerfile-utils)", () => {
    const result = spawnSync(process.execPath, [`${root}node_modules/dockerfile-utils/bin/dockerfile-utils`, "lint", `${root}Dockerfile`], {
      encoding: "utf8",
    });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(result.stdout.trim(), "", result.stdout);
  });

  it("is multi-stage, with a small runtime image on a Node LTS that runs as a non-root user", () => {
    assert.ok(instructions.filter((line) => line.startsWith("FROM ")).length >= 2, "not multi-stage");
    const [, image, major, flavour] = /^FROM (node):(\d+)-(alpine|slim)\b/.exec(runtimeStage[0]!) ?? [];
    assert.equal(image, "node", runtimeStage[0]);
    assert.ok(Number(major) >= 22 && Number(major) % 2 === 0, `node ${major} is not a current LTS line`);
    assert.ok(flavour, "runtime image is not a small variant");
    const user = runtimeStage.find((line) => line.startsWith("USER "));
    assert.ok(user && !/^USER (root|0)\b/.test(user), "does not switch to a non-root user");
    assert.ok(runtimeStage.indexOf(user) < runtimeStage.findIndex((line) => line.startsWith("ENTRYPOINT")), "USER comes after ENTRYPOINT");
  });

  it("ships only the bundle in the runtime image, and its .dockerignore admits what the build copies", () => {
    assert.ok(!runtimeStage.some((line) => /^COPY .*node_modules/.test(line)), "the runtime image copies node_modules");
    assert.ok(runtimeStage.some((line) => /^COPY --from=build \S*dist /.test(line)));
    const admitted = readFileSync(`${root}.dockerignore`, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("!"))
      .map((line) => line.slice(1).replace(/\/$/, ""));
    const buildStage = instructions.slice(0, instructions.length - runtimeStage.length);
    for (const line of buildStage.filter((l) => l.startsWith("COPY ") && !l.includes("--from"))) {
      for (const source of line.split(/\s+/).slice(1, -1)) {
        assert.ok(admitted.includes(source.replace(/\/$/, "")), `${source} is copied but .dockerignore leaves it out`);
      }
    }
  });

  it("listens on 0.0.0.0:3000 over HTTP, with the registry label, and bakes in no token or opt-out", () => {
    assert.equal(env.QUO_MCP_HTTP, "1");
    assert.equal(env.QUO_MCP_HOST, "0.0.0.0");
    assert.equal(env.QUO_MCP_PORT, "3000");
    assert.ok(runtimeStage.includes("EXPOSE 3000"));
    assert.match(dockerfile, /LABEL io\.modelcontextprotocol\.server\.name="[^"]+"/);
    assert.doesNotMatch(instructions.join("\n"), /QUO_MCP_AUTH_TOKEN=|QUO_MCP_ALLOW_UNAUTHENTICATED=|MATON_API_KEY=/);
  });

  it("therefore refuses to start in that configuration without a token", async () => {
    const { code, stderr } = await runCli(["--sandbox"], { ...env, QUO_MCP_PORT: "0" });
    assert.equal(code, 2);
    assert.match(stderr, /QUO_MCP_AUTH_TOKEN/);
  });

  it("has a HEALTHCHECK that needs no curl, and that passes against the server and fails without it", async () => {
    assert.ok(healthcheck, "no HEALTHCHECK");
    assert.doesNotMatch(healthcheck, /curl|wget/);
    const command = JSON.parse(healthcheck.slice(healthcheck.indexOf("CMD ") + 4)) as string[];
    assert.equal(command[0], "node");
    const server = await startHttp({ args: ["--sandbox", "--host", "0.0.0.0"], env: { QUO_MCP_AUTH_TOKEN: TEST_TOKEN } });
    const port = new URL(server.base).port;
    const probe = () => spawnSync(process.execPath, command.slice(1), { env: { PATH: process.env.PATH ?? "", QUO_MCP_PORT: port }, encoding: "utf8" }).status;
    try {
      assert.equal(probe(), 0);
    } finally {
      assert.equal(await server.stop(), 0);
    }
    assert.equal(probe(), 1);
  });
});
