import { z } from "zod";
import { type ArgumentProblem, UsageError } from "../errors.js";
import { argumentNames, unknownArguments } from "../tools/arguments.js";

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Reads one `--arg key=value` value for the argument `field`. The value is read as JSON when
 * that fits the argument (`limit=5`, `read=true`, `to=["+1555...","+1666..."]`) and as the text
 * typed otherwise, so `to=5555550123` stays a phone number string and `body=true story` stays
 * text. A key given more than once makes an array of its values.
 */
function readValue(field: z.ZodType | undefined, raws: string[]): unknown {
  const decoded = raws.map((raw) => {
    const json = parseJson(raw);
    return json.ok ? [json.value, raw] : [raw];
  });
  const single = raws.length === 1;
  const candidates: unknown[] = single ? [...(decoded[0] ?? []), ...(decoded[0] ?? []).map((v) => [v])] : [decoded.map((d) => d[0]), raws];
  if (!field) return candidates[0];
  return candidates.find((candidate) => field.safeParse(candidate).success) ?? candidates[0];
}

/**
 * Builds a tool's arguments from `--json '{...}'` (or `--input`) and `--arg key=value` pairs;
 * `--arg` wins over the same key in the JSON. Unknown keys are refused rather than dropped,
 * so a typo cannot silently change what a call does.
 */
export function buildArguments(input: z.ZodType, json: string | undefined, pairs: string[]): Record<string, unknown> {
  let args: Record<string, unknown> = {};
  if (json !== undefined) {
    const parsed = parseJson(json);
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) {
      throw new UsageError(`--json must be a JSON object of the tool's arguments, such as '{"maxResults": 5}'`);
    }
    args = { ...(parsed.value as Record<string, unknown>) };
  }
  const shape = input instanceof z.ZodObject ? (input.shape as Record<string, z.ZodType>) : undefined;
  const grouped = new Map<string, string[]>();
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--arg "${pair}" must be key=value, such as --arg maxResults=5`);
    const key = pair.slice(0, at);
    grouped.set(key, [...(grouped.get(key) ?? []), pair.slice(at + 1)]);
  }
  for (const [key, raws] of grouped) args[key] = readValue(shape?.[key], raws);
  const unknown = unknownArguments(input, args);
  if (unknown.length > 0) {
    const known = argumentNames(input) ?? [];
    const meant = unknown.filter((p) => p.suggestion).map((p) => `"${p.suggestion}" for "${p.argument}"`);
    throw new UsageError(
      `unknown argument ${unknown.map((p) => `"${p.argument}"`).join(", ")}; this tool takes: ${known.length ? known.join(", ") : "no arguments"}${meant.length ? `. Did you mean ${meant.join(", ")}?` : ""}`,
    );
  }
  return args;
}

/** One line per problem, each naming the argument, as the server reports them. */
export function describeProblems(problems: ArgumentProblem[]): string {
  return problems.map((p) => (p.argument === "arguments" ? p.message : `argument "${p.argument}": ${p.message}`)).join("\n");
}
