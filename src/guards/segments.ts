/**
 * SMS segment counting, so a person sees what a text costs before it goes out. A text that
 * fits the GSM 03.38 alphabet is sent as 7-bit septets (160 in one SMS, 153 per part of a
 * multipart SMS, the rest being the concatenation header); anything else forces UCS-2 for the
 * whole text (70 / 67 UTF-16 code units, so an emoji, a surrogate pair, counts as 2).
 */

/** GSM 03.38 basic character set: one septet each. */
const GSM_BASIC = new Set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");

/** GSM 03.38 extension table: an escape septet plus one, so two septets each. */
const GSM_EXTENSION = new Set("^{}\\[~]|€\f");

type Encoding = "GSM-7" | "UCS-2";

// Type aliases, not interfaces, so results can carry them in loose (index-signature) shapes.
export type SegmentCount = {
  encoding: Encoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  /** How many SMS the text is split into. */
  segments: number;
  /** Units one SMS holds for a text of this length: 160/153 or 70/67. */
  perSegment: number;
  /** For UCS-2 texts: the characters that forced it, so they can be replaced if cost matters. */
  nonGsmCharacters?: string[];
};

const LIMITS: Record<Encoding, { single: number; multi: number }> = {
  "GSM-7": { single: 160, multi: 153 },
  "UCS-2": { single: 70, multi: 67 },
};

export function countSegments(text: string): SegmentCount {
  let septets = 0;
  const nonGsm = new Set<string>();
  for (const char of text) {
    if (GSM_BASIC.has(char)) septets += 1;
    else if (GSM_EXTENSION.has(char)) septets += 2;
    else nonGsm.add(char);
  }
  const encoding: Encoding = nonGsm.size === 0 ? "GSM-7" : "UCS-2";
  // String length is UTF-16 code units: exactly what UCS-2 (as phones send it) counts.
  const units = encoding === "GSM-7" ? septets : text.length;
  const { single, multi } = LIMITS[encoding];
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  return {
    encoding,
    units,
    segments,
    perSegment: segments > 1 ? multi : single,
    ...(nonGsm.size > 0 ? { nonGsmCharacters: [...nonGsm].slice(0, 10) } : {}),
  };
}

/** Roughly what Quo charges per outbound SMS segment to a US or Canadian number. */
const USD_PER_SEGMENT_US_CA = 0.01;

export type CostEstimate = {
  /** Estimated US dollars for the recipients in the US or Canada; others are not priced. */
  usd: number;
  basis: string;
};

/**
 * An estimate, never a quote: Quo's plans, carrier fees and international rates differ, and
 * a group text may be billed as MMS.
 */
export function estimateCost(segments: number, recipients: readonly string[]): CostEstimate {
  const northAmerican = recipients.filter((r) => r.startsWith("+1")).length;
  const others = recipients.length - northAmerican;
  const usd = Math.round(segments * northAmerican * USD_PER_SEGMENT_US_CA * 100) / 100;
  const basis =
    `estimate: about $${USD_PER_SEGMENT_US_CA.toFixed(2)} per segment per US/Canada recipient (${segments} segment${segments === 1 ? "" : "s"} x ${northAmerican})` +
    (others > 0 ? `; ${others} recipient${others === 1 ? "" : "s"} outside the US/Canada not priced (international rates vary)` : "") +
    "; the Quo plan decides the real price";
  return { usd, basis };
}
