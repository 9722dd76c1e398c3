import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { MetadataJson } from "libphonenumber-js/core";

/** Filled in by the bundler with libphonenumber-js's numbering plans as JSON text; absent when run from source. */
declare const QUO_MCP_PHONE_METADATA: string | undefined;

let metadata: MetadataJson | undefined;

/**
 * The numbering plans, read the first time a number is parsed. The package ships them as a
 * module whose object literal every start would build (400 KB of heap) and the code cache would
 * carry, though many sessions never parse a number.
 */
export function phoneMetadata(): MetadataJson {
  metadata ??= JSON.parse(
    typeof QUO_MCP_PHONE_METADATA === "string"
      ? QUO_MCP_PHONE_METADATA
      : readFileSync(createRequire(import.meta.url).resolve("libphonenumber-js/metadata.min.json"), "utf8"),
  ) as MetadataJson;
  return metadata;
}
