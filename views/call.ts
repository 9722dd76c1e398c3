import { connect, type ToolResult } from "./bridge.js";
import { errorText, fill, formatDuration, formatTime, h, outsideNote, who } from "./dom.js";

interface Call {
  id: string;
  dir?: "in" | "out";
  status?: string;
  participants?: string[];
  duration?: number;
  at?: string;
  answeredBy?: string;
  userId?: string;
  forwardedTo?: string;
}
interface Recording {
  status?: string;
  url?: string;
  duration?: number;
}
interface Transcript {
  status?: string;
  /** Letter to user id or number. */
  speakers?: Record<string, string>;
  /** One turn a line: "0:05 A: words". */
  text?: string;
}
interface ViewData {
  names?: Record<string, string>;
  line?: { number: string; name?: string };
}

const app = document.getElementById("app") as HTMLElement;

const bridge = connect("quo-call", {
  onResult(result) {
    if (result.isError) {
      const { message, next } = errorText(result);
      app.replaceChildren(
        h(
          "div",
          { class: "card error-card" },
          h("strong", {}, "Could not read the call"),
          h("p", {}, message),
          next ? h("p", { class: "muted" }, next) : undefined,
        ),
      );
      return;
    }
    render(result);
  },
});

const statusLabel: Record<string, string> = {
  completed: "Completed",
  missed: "Missed",
  "no-answer": "No answer",
  busy: "Busy",
  canceled: "Cancelled",
  failed: "Failed",
  ringing: "Ringing",
  "in-progress": "In progress",
};

function player(label: string, url: string | undefined, id: string) {
  // Only web addresses play or open; anything else in Quo's answer is left out.
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  const open = (event: Event) => {
    event.preventDefault();
    void bridge.openLink(url).catch(() => {});
  };
  return h(
    "div",
    { class: "player", "data-player": id },
    h("div", { class: "row" }, h("strong", {}, label), h("a", { href: url, onclick: open, class: "open" }, "Open")),
    h("audio", { controls: true, preload: "metadata", src: url }),
  );
}

function pending(what: string, value: { status?: string } | undefined) {
  if (!value?.status || value.status === "completed") return undefined;
  const text = value.status === "absent" ? `No ${what} for this call.` : `The ${what} is ${value.status}; it usually arrives a few minutes after the call.`;
  return h("p", { class: "muted small" }, text);
}

/** The transcript's lines as turns, each speaker letter read through `speakers` (`?` is a speaker Quo does not know). */
function transcriptTurns(transcript: Transcript | undefined): { t: string; who?: string; said: string }[] {
  if (!transcript?.text) return [];
  const speakers = transcript.speakers ?? {};
  return transcript.text.split("\n").map((line) => {
    const turn = /^(\d+:\d{2}) ([^:\s]+): ?(.*)$/.exec(line);
    if (!turn) return { t: "", said: line };
    const [, t = "", letter = "", said = ""] = turn;
    return { t, who: Object.hasOwn(speakers, letter) ? speakers[letter] : undefined, said };
  });
}

function render(result: ToolResult) {
  const s = result.structuredContent ?? {};
  const view = (result._meta?.["quo-mcp/view"] ?? {}) as ViewData;
  const names = view.names ?? {};
  const call = (s.call ?? { id: "" }) as Call;
  const recordings = ((s.recordings as Recording[] | undefined) ?? []).filter((r) => r.url);
  const summary = s.summary as { status?: string; summary?: string[]; nextSteps?: string[] } | undefined;
  const transcript = s.transcript as Transcript | undefined;
  const turns = transcriptTurns(transcript);
  const voicemail = s.voicemail as { status?: string; url?: string; duration?: number; transcript?: string } | undefined;
  const incoming = call.dir !== "out";
  const them = (call.participants ?? []).map((p) => who(p, names)).join(", ");
  const us = view.line ? (view.line.name ? `${view.line.name} (${view.line.number})` : view.line.number) : "your line";
  const status = call.status ?? "";
  const missed = ["missed", "no-answer", "busy", "failed", "canceled"].includes(status);

  fill(
    app,
    h(
      "header",
      { class: "head" },
      h("div", { class: `avatar ${missed ? "danger" : ""}` }, incoming ? "↙" : "↗"),
      h(
        "div",
        {},
        h("h1", {}, `${incoming ? "Incoming" : "Outgoing"} call ${incoming ? "from" : "to"} ${them || "unknown"}`),
        h("p", { class: "muted" }, `${incoming ? "To" : "From"} ${us} · ${formatTime(call.at, bridge.context)}`),
      ),
    ),
    outsideNote("Summaries, transcripts and voicemails are said or written by other people"),
    h(
      "dl",
      { class: "facts" },
      h(
        "div",
        {},
        h("dt", {}, "Status"),
        h("dd", {}, h("span", { class: `chip ${missed ? "danger" : "ok"}`, "data-status": status }, statusLabel[status] ?? status)),
      ),
      h("div", {}, h("dt", {}, "Duration"), h("dd", {}, formatDuration(call.duration) || "0:00")),
      call.answeredBy ? h("div", {}, h("dt", {}, "Answered by"), h("dd", {}, names[call.answeredBy] ?? call.answeredBy)) : undefined,
      call.forwardedTo ? h("div", {}, h("dt", {}, "Forwarded to"), h("dd", {}, call.forwardedTo)) : undefined,
    ),
    ...recordings.map((r, i) => player(recordings.length > 1 ? `Recording ${i + 1}` : "Recording", r.url, "recording")),
    pending("recording", (s.recordings as Recording[] | undefined)?.[0]),
    voicemail?.url || voicemail?.transcript
      ? h(
          "section",
          { class: "card", "data-section": "voicemail" },
          player("Voicemail", voicemail.url, "voicemail") ?? h("strong", {}, "Voicemail"),
          voicemail.transcript
            ? h("blockquote", { class: "outside-text" }, h("span", { class: "badge outside" }, "outside"), ` ${voicemail.transcript}`)
            : undefined,
        )
      : undefined,
    summary?.summary?.length || summary?.nextSteps?.length
      ? h(
          "section",
          { class: "card", "data-section": "summary" },
          h("h2", {}, "Summary"),
          h(
            "div",
            { class: "outside-text" },
            h("span", { class: "badge outside" }, "outside"),
            h("ul", {}, ...(summary.summary ?? []).map((line) => h("li", {}, line))),
          ),
          summary.nextSteps?.length ? h("h3", {}, "Next steps") : undefined,
          summary.nextSteps?.length ? h("ul", { class: "outside-text" }, ...summary.nextSteps.map((line) => h("li", {}, line))) : undefined,
        )
      : pending("summary", summary),
    turns.length
      ? h(
          "section",
          { class: "card", "data-section": "transcript" },
          h("h2", {}, "Transcript"),
          h(
            "ol",
            { class: "transcript outside-text" },
            ...turns.map((turn) =>
              h(
                "li",
                {},
                h("span", { class: "t" }, turn.t),
                h("span", { class: "speaker" }, turn.who ? (names[turn.who] ?? turn.who) : ""),
                h("span", { class: "said" }, turn.said),
              ),
            ),
          ),
        )
      : pending("transcript", transcript),
  );
}

app.replaceChildren(h("p", { class: "muted" }, "Waiting for the call…"));
