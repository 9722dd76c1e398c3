import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { type ArgumentProblem, InvalidArgumentsError } from "../errors.js";

/** The argument names a tool's input schema takes (undefined when it does not list them). */
export function argumentNames(input: z.ZodType): string[] | undefined {
  return input instanceof z.ZodObject ? Object.keys(input.shape as z.ZodRawShape) : undefined;
}

/** The known name a mistyped one most likely meant: same letters in another case, or a close spelling. */
function suggestName(unknown: string, known: string[]): string | undefined {
  if (known.length === 0) return undefined;
  const sameCase = known.find((name) => name.toLowerCase() === unknown.toLowerCase());
  if (sameCase) return sameCase;
  const best = closest(
    unknown.toLowerCase(),
    known.map((name) => name.toLowerCase()),
  );
  const match = known.find((name) => name.toLowerCase() === best) as string;
  // A third of the name, at least 1 and at most 3 edits: `maxResult` -> `maxResults`, never `to` -> `id`.
  const allowed = Math.min(3, Math.max(1, Math.floor(unknown.length / 3)));
  return distance(unknown.toLowerCase(), best) <= allowed ? match : undefined;
}

/** Every argument name the tool does not take, each with the name probably meant. */
export function unknownArguments(input: z.ZodType, args: Record<string, unknown>): ArgumentProblem[] {
  const known = argumentNames(input);
  if (!known) return [];
  return Object.keys(args)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const suggestion = suggestName(key, known);
      const takes = known.length > 0 ? `this tool takes ${known.join(", ")}` : "this tool takes no arguments";
      return {
        argument: key,
        message: suggestion
          ? `is not an argument of this tool; did you mean "${suggestion}"? Nothing was sent`
          : `is not an argument of this tool (${takes}); nothing was sent`,
        ...(suggestion ? { suggestion } : {}),
      };
    });
}

/**
 * zod's issues as problems, each naming its argument (nested paths joined with dots). A lone
 * value given for a list is named as sent (`to`, not `to.0`).
 */
function schemaProblems(error: z.ZodError, args: Record<string, unknown> = {}): ArgumentProblem[] {
  return error.issues.map((issue) => {
    const [first, second, ...rest] = issue.path;
    const lone = typeof first === "string" && second === 0 && rest.length === 0 && !Array.isArray(args[first]);
    return { argument: (lone ? [first] : issue.path).map(String).join(".") || "arguments", message: issue.message };
  });
}

/**
 * A call's arguments checked the one way every face of the server checks them (MCP and the
 * command line): not an object, an unknown name, or a value the schema rejects is an
 * InvalidArgumentsError; otherwise the parsed arguments.
 */
export function checkArguments(input: z.ZodType, args: unknown): { ok: true; data: unknown } | { ok: false; error: InvalidArgumentsError } {
  const given = args ?? {};
  if (typeof given !== "object" || Array.isArray(given)) {
    return { ok: false, error: new InvalidArgumentsError([{ argument: "arguments", message: "must be a JSON object of the tool's arguments" }]) };
  }
  const unknown = unknownArguments(input, given as Record<string, unknown>);
  const parsed = input.safeParse(given);
  const problems = [...unknown, ...(parsed.success ? [] : schemaProblems(parsed.error, given as Record<string, unknown>))];
  if (problems.length > 0) return { ok: false, error: new InvalidArgumentsError(problems) };
  return { ok: true, data: parsed.data };
}
