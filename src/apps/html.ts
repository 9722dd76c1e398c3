import { readFile } from "node:fs/promises";
import { besideBundle } from "../beside-bundle.js";
import type { ViewName } from "./capability.js";

/** The self-contained HTML of one view: built beside the bundle, or, run from source, by the last build. */
export function viewHtml(view: ViewName): Promise<string> {
  return readFile(besideBundle(`views/${view}.html`) ?? new URL(`../../dist/views/${view}.html`, import.meta.url), "utf8");
}
