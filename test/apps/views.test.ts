/// <reference lib="dom" />
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import * as esbuild from "esbuild";
import type { Browser, Frame, Page } from "puppeteer-core";
import { SEED } from "../../src/sandbox/index.js";
import { startFaultGateway } from "../helpers/fault-gateway.js";
import { type Gateway, startGateway } from "../helpers/harness.js";
import { connectClient } from "./helpers.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const artifacts = new URL("../artifacts/", import.meta.url);
const present = existsSync(CHROMIUM);
if (!present && process.env.QUO_MCP_REQUIRE_BROWSER_SUITE === "1") {
  throw new Error(`The browser suite is required (QUO_MCP_REQUIRE_BROWSER_SUITE=1) but ${CHROMIUM} is missing: apt-get install -y chromium`);
}

type Result = CallToolResult & { structuredContent?: Record<string, unknown>; _meta?: Record<string, unknown> };

describe("MCP Apps views in a browser host", {
  skip: present ? false : `skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
}, () => {
  let gateway: Gateway;
  let client: Client;
  /** The client the host forwards the views' tool calls to. */
  let current: Client;
  let browser: Browser;
  let page: Page;
  let hostScript: string;
  /** Every tools/call the views made through the host, in order. */
  const viewCalls: { name: string; arguments?: Record<string, unknown> }[] = [];
  /** Every URL the browser fetched besides the host page: only media Quo's answers named may appear. */
  const fetched: string[] = [];

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    gateway = await startGateway();
    client = await connectClient(gateway, { ui: true, args: ["--toolsets", "all"], env: { QUO_MCP_MEDIA_ORIGINS: gateway.url } });
    current = client;
    const bundle = await esbuild.build({
      entryPoints: [new URL("host-page.mjs", import.meta.url).pathname],
      bundle: true,
      format: "iife",
      platform: "browser",
      write: false,
      logLevel: "warning",
    });
    hostScript = bundle.outputFiles[0]!.text;
    const { launch } = await import("puppeteer-core");
    browser = await launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required"] });
    page = await browser.newPage();
    await page.setViewport({ width: 600, height: 900, deviceScaleFactor: 1 });
    page.on("request", (request) => {
      if (!request.url().startsWith("about:") && !request.url().startsWith("data:")) fetched.push(request.url());
    });
    await page.exposeFunction("hostCallTool", async (params: { name: string; arguments?: Record<string, unknown> }) => {
      viewCalls.push(params);
      return current.callTool(params);
    });
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ content: hostScript });
  });

  after(async () => {
    await browser?.close();
    await client?.close();
    await gateway?.close();
    assert.deepEqual(gateway?.violations, [], "every request and response keeps the Quo v1 contract");
  });

  async function view(uri: string) {
    const read = await client.readResource({ uri });
    const content = read.contents[0] as { text: string; mimeType: string; _meta?: { ui?: { csp?: { resourceDomains?: string[] } } } };
    assert.equal(content.mimeType, "text/html;profile=mcp-app");
    assert.ok(Buffer.byteLength(content.text) < 150 * 1024, `${uri} is ${Buffer.byteLength(content.text)} bytes, over 150 KB`);
    return { html: content.text, csp: content._meta?.ui?.csp };
  }

  async function render(
    uri: string,
    toolName: string,
    toolInput: Record<string, unknown>,
    toolResult: Result,
    theme: "light" | "dark" = "light",
  ): Promise<Frame> {
    const { html, csp } = await view(uri);
    await page.evaluate((options) => (window as unknown as { host: { render(o: unknown): Promise<void> } }).host.render(options), {
      html,
      csp,
      toolName,
      toolInput,
      toolResult,
      theme,
    });
    const frame = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(frame, "the view's frame is there");
    return frame;
  }

  async function shoot(name: string) {
    const frame = await page.$("iframe");
    await new Promise((resolve) => setTimeout(resolve, 150));
    await frame?.screenshot({ path: new URL(`${name}.png`, artifacts).pathname });
  }

  async function toolCall(name: string, args: Record<string, unknown>): Promise<Result> {
    return (await client.callTool({ name, arguments: args })) as Result;
  }

  it("shows a thread: bubbles both ways, times, status, a picture, the contact's name, outside text marked, and loads older messages through the host", async () => {
    const input = { phoneNumber: "Main line", participants: SEED.contacts.alice.number, maxResults: 3 };
    const result = await toolCall("list_messages", input);
    assert.ok(result.structuredContent?.nextPageToken, "the first page leaves older messages");
    const frame = await render("ui://quo-mcp/thread", "list_messages", input, result);
    await frame.waitForSelector(".msg");
    assert.equal(await frame.$eval("h1", (el) => el.textContent), "Alice Nguyen");
    const shown = await frame.$$eval(".msg", (els) =>
      els.map((el) => ({
        dir: el.getAttribute("data-direction"),
        text: el.querySelector(".text")?.textContent,
        meta: el.querySelector(".meta")?.textContent,
        outside: el.querySelector(".bubble")?.classList.contains("outside-text"),
      })),
    );
    assert.equal(shown.length, 3);
    assert.deepEqual(
      shown.map((m) => m.text),
      ["Tuesday works, thanks!", "Running 10 minutes late today, sorry", "No problem, see you soon."],
    );
    assert.deepEqual(
      shown.map((m) => m.dir),
      ["in", "in", "out"],
    );
    assert.deepEqual(
      shown.map((m) => m.outside),
      [true, true, false],
      "inbound text, and only inbound text, is marked as outside",
    );
    assert.match(shown[2]!.meta ?? "", /\d:\d\d [AP]M · delivered$/);
    assert.match(shown[0]!.meta ?? "", / · received$/);
    await frame.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>("img.thumb");
      return img?.complete && img.naturalWidth > 0;
    });
    assert.equal(await frame.$eval("img.thumb", (img) => (img as HTMLImageElement).naturalWidth), 240);

    await frame.click("button.older");
    await frame.waitForFunction(() => document.querySelectorAll(".msg").length === 5);
    assert.equal(viewCalls.length, 1);
    assert.equal(viewCalls[0]!.name, "list_messages");
    assert.equal(viewCalls[0]!.arguments?.pageToken, result.structuredContent?.nextPageToken);
    assert.equal(await frame.$eval(".thread .msg .text", (el) => el.textContent), "Hi, can I move my cleaning to next week?");
    assert.equal(await frame.$("button.older"), null, "the whole thread is read");
    await shoot("thread");
    viewCalls.length = 0;
  });

  it("follows the host's theme, dark and light, and tells the host its size", async () => {
    const input = { phoneNumber: "Main line", participants: [SEED.contacts.carol.number, SEED.contacts.dan.number] };
    const result = await toolCall("list_messages", input);
    const frame = await render("ui://quo-mcp/thread", "list_messages", input, result, "dark");
    await frame.waitForSelector(".msg");
    const background = () => frame.$eval("body", (el) => getComputedStyle(el).backgroundColor);
    assert.equal(await background(), "rgb(27, 27, 29)");
    assert.equal(await frame.$eval("html", (el) => el.dataset.theme), "dark");
    assert.deepEqual(await frame.$$eval(".sender", (els) => els.map((e) => e.textContent)), ["Carol Smith", "Dan Brooks"]);
    await shoot("thread-dark");
    await page.evaluate(() => (window as unknown as { host: { setTheme(t: string): Promise<void> } }).host.setTheme("light"));
    await frame.waitForFunction(() => document.documentElement.dataset.theme === "light");
    assert.equal(await background(), "rgb(255, 255, 255)");
    const sizes = await page.evaluate(() => (window as unknown as { host: { sizes: number[] } }).host.sizes);
    assert.ok((sizes.at(-1) ?? 0) > 300, `size-changed reached the host, and the iframe follows it: ${sizes.join(", ")}`);
    assert.equal(await page.$eval("iframe", (el) => (el as HTMLIFrameElement).style.height), `${sizes.at(-1)}px`);
  });

  it("shows the reply a wait_for_reply returned as a thread, and the texts before it through list_messages", async () => {
    // The sandbox's auto-reply contact answers a text after about 1.5 s.
    const riley = "+15555550140";
    const text = `Are we still on for ${Date.now()}?`;
    const sent = await toolCall("send_message", { from: "Main line", to: riley, content: text });
    const sentId = (sent.structuredContent?.message as { id?: string } | undefined)?.id;
    assert.ok(sentId, JSON.stringify(sent.structuredContent));
    const input = { phoneNumber: "Main line", participants: riley, after: sentId, timeoutSeconds: 30 };
    const result = await toolCall("wait_for_reply", input);
    assert.equal(result.structuredContent?.timedOut, false, JSON.stringify(result.structuredContent));
    const frame = await render("ui://quo-mcp/thread", "wait_for_reply", input, result);
    await frame.waitForSelector(".msg");
    const reply = `Got it, thanks! You said: "${text}"`;
    const shown = () =>
      frame.$$eval(".msg", (els) =>
        els.map((el) => ({
          dir: el.getAttribute("data-direction"),
          text: el.querySelector(".text")?.textContent,
          outside: el.querySelector(".bubble")?.classList.contains("outside-text"),
        })),
      );
    assert.deepEqual(await shown(), [{ dir: "in", text: reply, outside: true }]);
    assert.match(await frame.$eval(".msg .meta", (el) => el.textContent ?? ""), /\d:\d\d [AP]M · received$/);
    // wait_for_reply names neither the line nor the other side: the view's data does.
    assert.equal(await frame.$eval("h1", (el) => el.textContent), "Alice Nguyen", "the seed lists +15555550140 as Alice's work number");
    assert.match(await frame.$eval(".head .muted", (el) => el.textContent ?? ""), /with Main line \(\+15555550100\)$/);

    await frame.click("button.older");
    await frame.waitForFunction(() => document.querySelectorAll(".msg").length >= 2);
    assert.equal(viewCalls.length, 1);
    assert.deepEqual(viewCalls[0], { name: "list_messages", arguments: { phoneNumber: "PNmain0100", participants: [riley], verbose: true } });
    const thread = await shown();
    assert.deepEqual(
      thread.slice(-2),
      [
        { dir: "out", text, outside: false },
        { dir: "in", text: reply, outside: true },
      ],
      "the reply is shown once, after the text it answers",
    );
    await shoot("thread-reply");
    viewCalls.length = 0;
  });

  it("shows a call: direction, people, duration, status, a playable recording, the summary and the transcript with speakers and times, marked as outside text", async () => {
    const input = { id: SEED.calls.withArtifacts };
    const result = await toolCall("get_call", input);
    const frame = await render("ui://quo-mcp/call", "get_call", input, result);
    await frame.waitForSelector("[data-section=transcript]");
    assert.equal(await frame.$eval("h1", (el) => el.textContent), "Incoming call from Alice Nguyen (+15555550123)");
    assert.match(await frame.$eval(".head .muted", (el) => el.textContent ?? ""), /^To Main line \(\+15555550100\) · /);
    assert.equal(await frame.$eval("[data-status]", (el) => el.textContent), "Completed");
    assert.match(await frame.$eval(".facts", (el) => el.textContent ?? ""), /Duration5:12.*Answered byOlivia Owens/);
    const duration = await frame.waitForFunction(() => {
      const audio = document.querySelector<HTMLAudioElement>("[data-player=recording] audio");
      return audio && audio.readyState >= 1 && audio.duration;
    });
    assert.equal(Math.round((await duration.jsonValue()) as number), 3, "the sandbox's recording loads and has its length");
    assert.equal(await frame.$$eval("[data-section=summary] li", (els) => els.length), 4);
    const lines = await frame.$$eval(".transcript li", (els) => els.map((el) => Array.from(el.children, (c) => c.textContent)));
    assert.deepEqual(lines[1], ["0:04", "Alice Nguyen", "Hi Olivia, it's Alice. I need to move my cleaning to next week."]);
    assert.equal(lines[0]![1], "Olivia Owens");
    assert.equal(await frame.$$eval("[data-section] .outside-text", (els) => els.length), 3, "summary, next steps and transcript are all marked outside");
    await frame.click("[data-player=recording] .open");
    await page.waitForFunction(() => (window as unknown as { host: { opened: string[] } }).host.opened.length === 1);
    await shoot("call");
  });

  it("plays a voicemail and shows its transcript as outside text", async () => {
    const input = { id: SEED.calls.voicemail };
    const result = await toolCall("get_call", input);
    const frame = await render("ui://quo-mcp/call", "get_call", input, result, "dark");
    await frame.waitForSelector("[data-section=voicemail]");
    assert.equal(await frame.$eval("[data-status]", (el) => el.textContent), "Missed");
    await frame.waitForFunction(() => (document.querySelector<HTMLAudioElement>("[data-player=voicemail] audio")?.readyState ?? 0) >= 1);
    assert.match(await frame.$eval("[data-section=voicemail] blockquote", (el) => el.textContent ?? ""), /^outside Hi, this is Gina from Riverside Realty/);
    await shoot("voicemail");
  });

  async function approval(args: Record<string, unknown>, toolName = "send_message") {
    const input = { ...args, dryRun: true };
    const result = await toolCall(toolName, input);
    assert.equal(result.isError, undefined, JSON.stringify(result.structuredContent));
    const frame = await render("ui://quo-mcp/approval", toolName, input, result);
    await frame.waitForSelector("[data-action=send]");
    return frame;
  }

  const posts = () => gateway.requests.filter((r) => r.method === "POST" && r.path === "/quo/v1/messages").length;

  it("asks for approval with the exact text, names, segments and cost, and Send makes exactly one real send however often it is clicked", async () => {
    const content = "Hi Alice, your cleaning is confirmed for Tuesday at 10am. Reply here if anything changes.";
    const args = { from: "Main line", to: SEED.contacts.alice.number, content };
    const frame = await approval(args);
    assert.equal(await frame.$eval("[data-exact]", (el) => el.textContent), content);
    assert.equal(await frame.$eval("[data-to] strong", (el) => el.textContent), "Alice Nguyen");
    assert.equal(await frame.$eval("[data-mode]", (el) => el.textContent), "One text");
    assert.equal(await frame.$eval("[data-costs]", (el) => el.textContent), "1 segment · GSM-7 · about $0.01 estimated");
    await shoot("approval");
    const before = posts();
    // Two clicks in one turn of the event loop: the second finds the button already pressed.
    await frame.$eval("[data-action=send]", (button) => {
      (button as HTMLButtonElement).click();
      (button as HTMLButtonElement).click();
    });
    await frame.click("[data-action=send]").catch(() => {});
    await frame.waitForSelector("[data-outcome=sent]");
    assert.equal(viewCalls.length, 1, "one tools/call went through the host");
    // The arguments the server read for the dry run (its defaults filled in), with dryRun false.
    assert.deepEqual(viewCalls[0], { name: "send_message", arguments: { ...args, to: [args.to], group: false, allowDuplicate: false, dryRun: false } });
    assert.equal(posts() - before, 1, "Quo received exactly one send");
    const sentId = gateway.sandbox.workspace("mtn_test_CANARY_9f3c2a7e5d1b").sentMessageIds.at(-1);
    assert.equal(await frame.$eval("[data-outcome=sent]", (el) => el.getAttribute("data-message-id")), sentId);
    assert.equal(await frame.$eval("[data-action=send]", (el) => (el as HTMLButtonElement).disabled), true);
    await shoot("approval-sent");
    viewCalls.length = 0;

    // The same text again: the dry run warns, and the duplicate guard refuses the real send.
    const again = await approval(args);
    assert.match(await again.$eval("[data-warning=duplicate]", (el) => el.textContent ?? ""), /would be refused/);
    await again.click("[data-action=send]");
    await again.waitForSelector("[data-outcome=failed]");
    assert.match(await again.$eval("[data-outcome=failed]", (el) => el.textContent ?? ""), /allowDuplicate/);
    assert.equal(posts() - before, 1, "the guard still held");
    viewCalls.length = 0;
  });

  it("Cancel sends nothing", async () => {
    const frame = await approval({ from: "Main line", to: SEED.contacts.bob.number, content: "See you at 3" });
    const before = posts();
    await frame.click("[data-action=cancel]");
    await frame.waitForSelector("[data-outcome=cancelled]");
    await frame.click("[data-action=send]").catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(viewCalls.length, 0);
    assert.equal(posts(), before);
    assert.equal(await frame.$eval("[data-action=send]", (el) => (el as HTMLButtonElement).disabled), true);
  });

  it("shows separate texts with each recipient, and their outcomes after Send", async () => {
    const args = { from: "Main line", to: [SEED.contacts.bob.number, SEED.contacts.carol.number], content: "Our office is closed on Friday. 🎉" };
    const frame = await approval(args, "send_individual_messages");
    assert.equal(await frame.$eval("[data-mode]", (el) => el.textContent), "Separate texts");
    assert.deepEqual(await frame.$$eval("[data-to] strong", (els) => els.map((e) => e.textContent)), ["Bob Martinez", "Carol Smith"]);
    assert.match(await frame.$eval("[data-costs]", (el) => el.textContent ?? ""), /^1 segment · UCS-2 · about \$0\.02 estimated$/);
    await frame.click("[data-action=send]");
    await frame.waitForSelector("[data-outcome=individual]");
    assert.deepEqual(viewCalls, [{ name: "send_individual_messages", arguments: { ...args, allowDuplicate: false, dryRun: false } }]);
    assert.deepEqual(await frame.$$eval("[data-outcome=individual] [data-status]", (els) => els.map((e) => e.getAttribute("data-status"))), ["sent", "sent"]);
    viewCalls.length = 0;
  });

  it("shows a send whose outcome is unknown with its advice, making one request only", async () => {
    const faulty = await startFaultGateway();
    const other = await connectClient({ url: faulty.url } as Gateway, { ui: true });
    try {
      current = other;
      const input = { from: "Main line", to: "+15555550199", content: "Checking in", dryRun: true };
      const result = (await other.callTool({ name: "send_message", arguments: input })) as Result;
      const frame = await render("ui://quo-mcp/approval", "send_message", input, result);
      await frame.waitForSelector("[data-action=send]");
      faulty.fail("POST /v1/messages", { kind: "reset-after-body" });
      await frame.click("[data-action=send]");
      await frame.waitForSelector("[data-outcome=unknown]");
      assert.equal(await frame.$eval("[data-action=send]", (el) => el.textContent), "Outcome unknown");
      assert.match(await frame.$eval("[data-outcome=unknown]", (el) => el.textContent ?? ""), /Outcome unknown: do not send again yet.*call list_messages/);
      assert.equal(faulty.arrivals.filter((a) => a.method === "POST").length, 1);
      await shoot("approval-unknown");
    } finally {
      current = client;
      viewCalls.length = 0;
      await other.close();
      await faulty.close();
    }
  });

  it("shows a refusal by the recipient allowlist, with nothing to send", async () => {
    const restricted = await connectClient(gateway, { ui: true, env: { QUO_MCP_ALLOWED_RECIPIENTS: "+1555555012" } });
    try {
      const input = { from: "Main line", to: "+15555550199", content: "Hello", dryRun: true };
      const result = (await restricted.callTool({ name: "send_message", arguments: input })) as Result;
      const frame = await render("ui://quo-mcp/approval", "send_message", input, result);
      await frame.waitForSelector("[data-outcome=refused]");
      assert.equal(await frame.$eval("[data-outcome=refused] strong", (el) => el.textContent), "Recipient not allowed");
      assert.equal(await frame.$("[data-action=send]"), null);
    } finally {
      await restricted.close();
    }
  });

  it("fetched nothing but the media Quo's answers named", () => {
    assert.ok(fetched.length > 0);
    for (const url of fetched) assert.ok(url.startsWith(`${gateway.url}/media/`), `unexpected fetch: ${url}`);
  });
});
