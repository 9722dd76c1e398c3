import { readFile } from "node:fs/promises";
import type { ViewName } from "./capability.js";

/** Filled in by the bundler with the views built from src/apps/views/; absent when run from source. */
declare const QUO_MCP_VIEWS: string | undefined;

let built: Record<string, string> | undefined;

/** The self-contained HTML of one view. */
export async function viewHtml(view: ViewName): Promise<string> {
  if (typeof QUO_MCP_VIEWS === "string") {
    built ??= JSON.parse(QUO_MCP_VIEWS) as Record<string, string>;
    const html = built[view];
    if (html) return html;
  }
  // Run from source: the views the last build wrote.
  return readFile(new URL(`../../dist/views/${view}.html`, import.meta.url), "utf8");
}
