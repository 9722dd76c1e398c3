import { connect, type ToolResult } from "./bridge.js";
import { errorText, h } from "./dom.js";

interface Recipient {
  to: string;
  status: string;
  messageId?: string;
  error?: string;
  remedy?: string;
}
interface ViewData {
  names?: Record<string, string>;
  tool?: string;
  arguments?: Record<string, unknown>;
}

const app = document.getElementById("app") as HTMLElement;
let input: Record<string, unknown> | undefined;
/** Set the moment Send or Cancel is pressed, before anything is awaited: a second click finds it set. */
let decided: "send" | "cancel" | undefined;

const bridge = connect("quo-send-approval", {
  onInput(args) {
    input = args;
  },
  onResult(result) {
    render(result);
  },
});

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function render(result: ToolResult) {
  const s = result.structuredContent ?? {};
  const view = (result._meta?.["quo-mcp/view"] ?? {}) as ViewData;
  if (result.isError) return app.replaceChildren(refusal(result));
  if (s.dryRun !== true) return app.replaceChildren(outcome(result, view.names ?? {}));
  app.replaceChildren(...draft(result, view));
}

/** Which tool made the dry run, and the arguments of the real send: the same, with dryRun false. */
function realSend(s: Record<string, unknown>, view: ViewData): { name: string; args: Record<string, unknown> } {
  const individual = Array.isArray(s.results);
  const name = view.tool ?? bridge.context.toolInfo?.tool.name ?? (individual ? "send_individual_messages" : "send_message");
  const body = ((s.request as { body?: Record<string, unknown> } | undefined)?.body ?? {}) as { from?: string; to?: string[]; content?: string };
  const rebuilt = individual
    ? { from: body.from, to: (s.results as Recipient[]).map((r) => r.to), content: body.content }
    : { from: body.from, to: body.to, content: body.content, group: (body.to?.length ?? 0) > 1 };
  return { name, args: { ...(view.arguments ?? input ?? rebuilt), dryRun: false } };
}

function draft(result: ToolResult, view: ViewData): Node[] {
  const s = result.structuredContent ?? {};
  const names = view.names ?? {};
  const individual = Array.isArray(s.results);
  const from = s.from as { id: string; number: string; name?: string };
  const recipients: Recipient[] = individual ? (s.results as Recipient[]) : ((s.to as string[]) ?? []).map((to) => ({ to, status: "would_send" }));
  const content = ((s.request as { body?: { content?: string } } | undefined)?.body?.content ?? "") as string;
  const segments = s.segments as { encoding: string; segments: number; units?: number; nonGsmCharacters?: string[] };
  const estimate = s.estimate as { usd: number; basis?: string };
  const mode = individual
    ? ["Separate texts", "each person gets their own text in their own thread; nobody sees the others"]
    : recipients.length > 1
      ? ["Group text", "one thread in which every recipient sees everyone else's number"]
      : ["One text", "to one person"];
  const skipped = recipients.filter((r) => r.status === "skipped_duplicate");
  const warnings = [
    typeof s.duplicate === "string" ? s.duplicate : undefined,
    skipped.length > 0 ? `${plural(skipped.length, "recipient")} already got this text within the duplicate window and would be skipped.` : undefined,
  ].filter((w): w is string => Boolean(w));
  const sendable = individual ? recipients.length - skipped.length : recipients.length;

  const send = h(
    "button",
    { class: "primary", "data-action": "send" },
    sendable === 1 ? "Send text" : `Send to ${plural(sendable, "person").replace("persons", "people")}`,
  );
  const cancel = h("button", { class: "secondary", "data-action": "cancel" }, "Cancel");
  const outcomeBox = h("div", { class: "outcome", "aria-live": "polite" });
  const settle = (choice: "send" | "cancel") => {
    if (decided) return false;
    decided = choice;
    send.disabled = true;
    cancel.disabled = true;
    return true;
  };
  const subtitle = h("p", { class: "muted" }, "Nothing has been sent yet. It reaches real people and cannot be taken back.");
  send.addEventListener("click", () => {
    if (!settle("send")) return;
    subtitle.textContent = "Sending as shown below.";
    const { name, args } = realSend(s, view);
    send.textContent = "Sending…";
    outcomeBox.replaceChildren(h("p", { class: "muted" }, "Sending through Quo…"));
    bridge.callTool(name, args).then(
      (sent) => {
        const shown = outcome(sent, names);
        const kind = shown.getAttribute("data-outcome");
        send.textContent = kind === "unknown" ? "Outcome unknown" : kind === "failed" ? "Not sent" : "Sent";
        outcomeBox.replaceChildren(shown);
      },
      (error: Error) => {
        send.textContent = "Outcome unknown";
        outcomeBox.replaceChildren(
          h(
            "div",
            { class: "card warn-card", "data-outcome": "unknown" },
            h("strong", {}, "The host did not say what happened"),
            h("p", {}, `${error.message}. The text may or may not have gone out: read the thread before sending again.`),
          ),
        );
      },
    );
  });
  cancel.addEventListener("click", () => {
    if (!settle("cancel")) return;
    subtitle.textContent = "Cancelled: nothing was sent.";
    outcomeBox.replaceChildren(h("p", { class: "cancelled", "data-outcome": "cancelled" }, "Cancelled. Nothing was sent."));
  });
  if (sendable === 0) send.disabled = true;

  return [
    h("header", { class: "head" }, h("div", { class: "avatar" }, "✉"), h("div", {}, h("h1", {}, "Review this text before it goes out"), subtitle)),
    h(
      "dl",
      { class: "facts wide" },
      h("div", {}, h("dt", {}, "From"), h("dd", {}, from?.name ? `${from.name} (${from.number})` : (from?.number ?? ""))),
      h(
        "div",
        {},
        h("dt", {}, "To"),
        h(
          "dd",
          {},
          h(
            "ul",
            { class: "recipients" },
            ...recipients.map((r) =>
              h(
                "li",
                { "data-to": r.to, class: r.status === "skipped_duplicate" ? "skipped" : "" },
                names[r.to] ? h("strong", {}, names[r.to]) : undefined,
                h("span", { class: names[r.to] ? "muted" : "" }, r.to),
                r.status === "skipped_duplicate" ? h("span", { class: "chip warn" }, "already sent") : undefined,
              ),
            ),
          ),
        ),
      ),
      h("div", {}, h("dt", {}, "How"), h("dd", {}, h("strong", { "data-mode": mode[0] }, mode[0]), h("span", { class: "muted" }, `: ${mode[1]}`))),
    ),
    h("div", { class: "message-box" }, h("div", { class: "label" }, "Exact text"), h("pre", { class: "exact", "data-exact": "" }, content)),
    h(
      "p",
      { class: "costs", "data-costs": "" },
      `${plural(segments?.segments ?? 0, "segment")} · ${segments?.encoding ?? ""} · about $${(estimate?.usd ?? 0).toFixed(2)} estimated`,
    ),
    segments?.nonGsmCharacters?.length ? h("p", { class: "muted small" }, `UCS-2 because of: ${segments.nonGsmCharacters.join(" ")}`) : undefined,
    estimate?.basis ? h("p", { class: "muted small" }, estimate.basis) : undefined,
    ...warnings.map((w) => h("div", { class: "card warn-card", "data-warning": "duplicate" }, h("strong", {}, "Duplicate"), h("p", {}, w))),
    h("div", { class: "actions" }, cancel, send),
    outcomeBox,
  ].filter((n): n is HTMLElement => Boolean(n));
}

/** A refusal of the dry run itself: the allowlist, a bad argument, authorization. */
function refusal(result: ToolResult) {
  const { message, next } = errorText(result);
  const code = (result.structuredContent?.error as { code?: string } | undefined)?.code;
  const title = code === "recipient_not_allowed" ? "Recipient not allowed" : code === "duplicate_send" ? "Duplicate text" : "This text cannot be sent";
  return h(
    "div",
    { class: "card error-card", "data-outcome": "refused", "data-code": code ?? "" },
    h("strong", {}, title),
    h("p", {}, message),
    next ? h("p", { class: "muted" }, next) : undefined,
  );
}

/** What a real send returned: sent, refused, or an outcome nobody knows (with its advice). */
function outcome(result: ToolResult, names: Record<string, string>) {
  const s = result.structuredContent ?? {};
  if (result.isError) {
    const { message, kind } = errorText(result);
    const unknown = kind === "unknown_outcome";
    return h(
      "div",
      { class: `card ${unknown ? "warn-card" : "error-card"}`, "data-outcome": unknown ? "unknown" : "failed" },
      h("strong", {}, unknown ? "Outcome unknown: do not send again yet" : "Not sent"),
      h("p", {}, message),
    );
  }
  if (Array.isArray(s.results)) {
    const results = s.results as Recipient[];
    const summary = (s.summary ?? {}) as Record<string, number>;
    return h(
      "div",
      { class: "card ok-card", "data-outcome": "individual" },
      h("strong", {}, `Sent ${summary.sent ?? 0} of ${results.length}`),
      h(
        "ul",
        { class: "recipients" },
        ...results.map((r) =>
          h(
            "li",
            { "data-to": r.to, "data-status": r.status },
            h("span", {}, names[r.to] ?? r.to),
            h("span", { class: `chip ${r.status === "sent" ? "ok" : "warn"}` }, r.status.replace(/_/g, " ")),
            r.error ? h("span", { class: "muted small" }, r.error) : undefined,
          ),
        ),
      ),
      typeof s.next === "string" ? h("p", { class: "muted" }, s.next) : undefined,
    );
  }
  const message = (s.message ?? {}) as { id?: string; status?: string; to?: string[] };
  return h(
    "div",
    { class: "card ok-card", "data-outcome": "sent", "data-message-id": message.id ?? "" },
    h("strong", {}, "Sent"),
    h("p", {}, `To ${(message.to ?? []).map((t) => names[t] ?? t).join(", ")} · ${message.status ?? "queued"} · ${message.id ?? ""}`),
  );
}

app.replaceChildren(h("p", { class: "muted" }, "Waiting for the draft…"));
