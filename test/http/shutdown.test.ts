import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { type Sandbox, SEED, startSandbox } from "../../src/sandbox/index.js";
import { callTool, connectHttp, eventually, startHttp, TEST_KEY, text } from "./helpers.js";

/**
 * A gateway in front of the sandbox that holds every GET /quo/v1/phone-numbers until the test
 * releases it, so a tool call can be caught mid-flight without relying on timing.
 */
async function startSlowGateway(sandbox: Sandbox) {
  const held: (() => void)[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === "GET" && req.url?.startsWith("/quo/v1/phone-numbers")) {
      await new Promise<void>((resolve) => {
        held.push(resolve);
        void released.then(resolve);
      });
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== "host" && k !== "connection") as [string, string][]);
    const answer = await fetch(`${sandbox.url}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const body = Buffer.from(await answer.arrayBuffer());
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    res.end(body);
  };
  const server: Server = createServer((req, res) => void forward(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    held: () => held.length,
    release,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe("HTTP shutdown", () => {
  let sandbox: Sandbox;
  let gateway: Awaited<ReturnType<typeof startSlowGateway>>;
  before(async () => {
    sandbox = await startSandbox();
    gateway = await startSlowGateway(sandbox);
  });
  after(async () => {
    gateway.release();
    await gateway.close();
    await sandbox.close();
  });

  it("on SIGTERM, stops taking work, lets calls in flight on both transports finish, then exits 0", async () => {
    const server = await startHttp({ env: { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: gateway.url, MATON_CTRL_URL: gateway.url } });
    try {
      const streamable = await connectHttp(server.base, "streamable");
      const sse = await connectHttp(server.base, "sse");
      const calls = [callTool(streamable, "list_phone_numbers"), callTool(sse, "list_phone_numbers")];
      await eventually(() => gateway.held() === 2, "both calls to reach the gateway");

      server.child.kill("SIGTERM");
      await eventually(() => server.stderr().includes("shutting down"), "the server to start draining");
      // Draining: no new connections are accepted while the calls finish.
      await assert.rejects(fetch(`${server.base}/healthz`));
      assert.equal(server.child.exitCode, null, "the server exited with calls still in flight");

      gateway.release();
      for (const result of await Promise.all(calls)) {
        assert.equal(result.isError, undefined, text(result));
        assert.match(text(result), new RegExp(SEED.numbers.main.id));
      }
      assert.equal(await server.exited, 0);
      assert.match(server.stderr(), /"drained":true/);
      assert.ok(!server.stderr().includes(TEST_KEY), "the Maton key reached the log");
      await Promise.allSettled([streamable.close(), sse.close()]);
    } finally {
      // On a failure above, let held calls go so the server's drain does not wait out the deadline.
      gateway.release();
      await server.stop();
    }
  });
});
