import type { QuoRecording, QuoSummary, QuoTranscript, QuoVoicemail } from "../quo/types.js";
import { compact, shortTime } from "./compact.js";
import { visible } from "./visible.js";

export function formatRecording(r: QuoRecording) {
  return compact({ id: r.id, status: r.status, duration: r.duration, url: r.url, startTime: shortTime(r.startTime) });
}

export function formatSummary(s: QuoSummary) {
  return compact({ status: s.status, summary: s.summary?.map(visible), nextSteps: s.nextSteps?.map(visible) });
}

/** Dialogue as `who` + `text` + start second: speakers are numbers or user ids. */
export function formatTranscript(t: QuoTranscript) {
  return compact({
    status: t.status,
    duration: t.duration,
    dialogue: t.dialogue?.map((line) => compact({ who: line.userId ?? line.identifier, text: visible(line.content), t: Math.round(line.start) })),
  });
}

export function formatVoicemail(v: QuoVoicemail) {
  return compact({ id: v.id, status: v.status, duration: v.duration, transcript: visible(v.transcript), url: v.recordingUrl });
}
