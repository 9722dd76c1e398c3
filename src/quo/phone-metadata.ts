import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { MetadataJson } from "libphonenumber-js/core";
import { besideBundle } from "../beside-bundle.js";

let metadata: MetadataJson | undefined;

/**
 * The numbering plans, read the first time a number is parsed. The package ships them as a
 * module whose object literal every start would build (400 KB of heap) and the code cache would
 * carry, though many sessions never parse a number; the bundle reads them beside itself.
 */
export function phoneMetadata(): MetadataJson {
  metadata ??= JSON.parse(
    readFileSync(besideBundle("phone-metadata.json") ?? createRequire(import.meta.url).resolve("libphonenumber-js/metadata.min.json"), "utf8"),
  ) as MetadataJson;
  return metadata;
}
