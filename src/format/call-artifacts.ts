import type { QuoRecording, QuoSummary, QuoTranscript, QuoVoicemail } from "../quo/types.js";
import { compact, shortTime } from "./compact.js";
import { visible } from "./visible.js";

export function formatRecording(r: QuoRecording) {
  return compact({ id: r.id, status: r.status, duration: r.duration, url: r.url, startTime: shortTime(r.startTime) });
}

export function formatSummary(s: QuoSummary) {
  return compact({ status: s.status, summary: s.summary?.map(visible), nextSteps: s.nextSteps?.map(visible) });
}

type DialogueLine = NonNullable<QuoTranscript["dialogue"]>[number];

/**
 * Dialogue as turns, `who` + `text` + the turn's start second: speakers are user ids or numbers.
 * Speech recognition cuts a turn into segments at every pause, each with its own speaker and
 * times; consecutive segments of one speaker are one turn here, their texts joined by a space,
 * so the speaker and time are stated once per turn rather than once per segment.
 */
export function formatTranscript(t: QuoTranscript) {
  return compact({
    status: t.status,
    duration: t.duration,
    dialogue: t.dialogue ? turns(t.dialogue) : undefined,
  });
}

function turns(lines: DialogueLine[]): { who?: string; text: string; t: number }[] {
  const out: { who?: string; text: string; t: number }[] = [];
  let last: string | null | undefined;
  for (const line of lines) {
    const who = line.userId ?? line.identifier;
    const content = visible(line.content) ?? "";
    const previous = out[out.length - 1];
    // Two segments without a known speaker may be two people: they stay apart.
    if (previous && who != null && who === last) {
      previous.text = previous.text ? `${previous.text} ${content}` : content;
      continue;
    }
    last = who;
    out.push(compact({ who, text: content, t: Math.round(line.start) }) as { who?: string; text: string; t: number });
  }
  return out;
}

export function formatVoicemail(v: QuoVoicemail) {
  return compact({ id: v.id, status: v.status, duration: v.duration, transcript: visible(v.transcript), url: v.recordingUrl });
}
