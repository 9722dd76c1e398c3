import type { QuoCall, QuoRecording, QuoSummary, QuoTranscript, QuoVoicemail } from "../quo/types.js";
import { compact, shortTime } from "./compact.js";
import { visible } from "./visible.js";

/**
 * A recording beside its call: a finished one is its `url`; its status, length and start are
 * given only when they are not the call's own (completed, the call's duration, its answer time).
 * No tool takes a recording id, so it is left out.
 */
export function formatRecording(r: QuoRecording, call?: QuoCall) {
  return compact({
    status: r.status === "completed" && r.url ? undefined : r.status,
    duration: call && r.duration === call.duration ? undefined : r.duration,
    url: r.url,
    startTime: call && r.startTime === call.answeredAt ? undefined : shortTime(r.startTime),
  });
}

/** The summary and next steps; the status only while they are not ready. */
export function formatSummary(s: QuoSummary) {
  const ready = s.status === "completed" && Boolean(s.summary?.length || s.nextSteps?.length);
  return compact({ status: ready ? undefined : s.status, summary: s.summary?.map(visible), nextSteps: s.nextSteps?.map(visible) });
}

type DialogueLine = NonNullable<QuoTranscript["dialogue"]>[number];

/**
 * What was said, as one text of turns, one a line: `0:05 A: words`, the turn's start (m:ss from
 * the start of the call), its speaker, its words. `speakers` maps each letter to the user id or
 * number it stands for, so an id is written once rather than on every turn; a speaker Quo does
 * not know is `?`. Speech recognition cuts a turn into segments at every pause; consecutive
 * segments of one known speaker are one turn here, their words joined by a space. The status
 * shows only while the transcript is not ready, its duration only when it says something the
 * call's does not.
 */
export function formatTranscript(t: QuoTranscript, callDuration?: number) {
  const { speakers, text } = dialogueText(t.dialogue ?? []);
  const ready = t.status === "completed" && text !== "";
  return compact({
    status: ready ? undefined : t.status,
    duration: text === "" || t.duration === callDuration ? undefined : t.duration,
    speakers: Object.keys(speakers).length > 0 ? speakers : undefined,
    text,
  });
}

/** A, B, ... Z, then S27, S28...: never a digit first, so a label cannot be read as a time. */
const label = (index: number) => (index < 26 ? String.fromCharCode(65 + index) : `S${index + 1}`);

/**
 * Line breaks inside what someone said become spaces: each line of the text starts with a time
 * and a speaker this server wrote, so words cannot make up a turn of someone else.
 */
const oneLine = (words: string) => words.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ");

/** m:ss, minutes counting on past the hour. */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

function dialogueText(lines: DialogueLine[]): { speakers: Record<string, string>; text: string } {
  const letters = new Map<string, string>();
  const turns: { who?: string; words: string; t: number }[] = [];
  for (const line of lines) {
    const who = visible(line.userId ?? line.identifier ?? undefined);
    const words = oneLine(visible(line.content) ?? "").trim();
    const previous = turns[turns.length - 1];
    // Two segments without a known speaker may be two people: they stay apart.
    if (previous && who !== undefined && who === previous.who) {
      previous.words = previous.words ? `${previous.words} ${words}` : words;
      continue;
    }
    if (who !== undefined && !letters.has(who)) letters.set(who, label(letters.size));
    turns.push({ who, words, t: Number.isFinite(line.start) ? Math.max(0, Math.round(line.start)) : 0 });
  }
  const speakers = Object.fromEntries([...letters].map(([who, letter]) => [letter, who]));
  const text = turns.map((turn) => `${clock(turn.t)} ${turn.who === undefined ? "?" : letters.get(turn.who)}: ${turn.words}`).join("\n");
  return { speakers, text };
}

export function formatVoicemail(v: QuoVoicemail) {
  return compact({ id: v.id, status: v.status, duration: v.duration, transcript: visible(v.transcript), url: v.recordingUrl });
}
