// The v1 TypeScript SDK client at three points of its life: 1.0.x (protocol 2024-11-05, legacy
// SSE only), 1.13.x (2025-06-18) and the version the project uses, over every transport each has.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runAuthorization, runScenario, sdkAdapter, startServers, stdioCommand, TOKEN } from "./helpers.mjs";

const versions = [
  // 1.0.x opens its SSE stream with the global EventSource and no way to add a header: it meets
  // a server without a token.
  { name: "sdk 1.0.4", pkg: "sdk-1-0", protocol: "2024-11-05", transports: ["stdio", "sse"], headerless: true },
  { name: "sdk 1.13.3", pkg: "sdk-1-13", protocol: "2025-06-18", transports: ["stdio", "streamable", "sse"] },
  { name: "sdk 1.32.2", pkg: "sdk-current", protocol: "2025-11-25", transports: ["stdio", "streamable", "sse"] },
];

async function load(pkg) {
  if (pkg === "sdk-1-0") globalThis.EventSource ??= (await import("eventsource")).EventSource;
  const at = (path) => import(`${pkg}/${path}`);
  const [{ Client }, { StdioClientTransport }, { SSEClientTransport }] = await Promise.all([at("client/index.js"), at("client/stdio.js"), at("client/sse.js")]);
  const streamable = pkg === "sdk-1-0" ? undefined : (await at("client/streamableHttp.js")).StreamableHTTPClientTransport;
  return { Client, StdioClientTransport, SSEClientTransport, StreamableHTTPClientTransport: streamable };
}

for (const version of versions) {
  describe(version.name, () => {
    let sdk;
    let servers;
    before(async () => {
      sdk = await load(version.pkg);
      servers = await startServers({ token: !version.headerless });
    });
    after(() => servers?.stop());

    const auth = version.headerless ? {} : { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } };
    const open = {
      stdio: (args = []) => new sdk.StdioClientTransport(stdioCommand(args)),
      streamable: (base = servers.http.base, options = auth) => new sdk.StreamableHTTPClientTransport(new URL(`${base}/mcp`), options),
      sse: (base = servers.http.base, options = auth) =>
        new sdk.SSEClientTransport(new URL(`${base}/sse`), {
          ...options,
          eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, ...options.requestInit?.headers } }) },
        }),
    };

    for (const transport of version.transports) {
      it(`runs the scenario over ${transport}`, async (t) => {
        const client = new sdk.Client({ name: "interop", version: "1.0.0" }, { capabilities: {} });
        await client.connect(open[transport]());
        try {
          if (version.pkg !== "sdk-1-0") assert.equal(client.getServerVersion()?.name, "quo-mcp");
          await runScenario(t, sdkAdapter(`${version.name} ${transport}`, client));
        } finally {
          await client.close();
        }
      });

      it(`hands over the authorization link over ${transport}`, async () => {
        const client = new sdk.Client({ name: "interop", version: "1.0.0" }, { capabilities: {} });
        const made = transport === "stdio" ? open.stdio(["--sandbox-unauthorized"]) : open[transport](servers.unauthorized.base, {});
        await client.connect(made);
        try {
          await runAuthorization(sdkAdapter(version.name, client));
        } finally {
          await client.close();
        }
      });
    }

    it(`negotiates ${version.protocol}, and the HTTP server logged no problem`, async () => {
      const client = new sdk.Client({ name: "interop", version: "1.0.0" }, { capabilities: {} });
      const transport = open.stdio();
      let negotiated;
      // Protocol.connect sets onmessage, then starts the transport: the initialize answer passes here.
      const start = transport.start.bind(transport);
      transport.start = async () => {
        const receive = transport.onmessage;
        transport.onmessage = (message, extra) => {
          if (message.result?.protocolVersion) negotiated = message.result.protocolVersion;
          receive?.(message, extra);
        };
        return start();
      };
      await client.connect(transport);
      await client.close();
      assert.equal(negotiated, version.protocol);
      assert.deepEqual(servers.http.problems(), []);
    });
  });
}
