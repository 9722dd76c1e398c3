/**
 * Orders two texts by their UTF-16 code units: for ISO 8601 times written the same way, as Quo
 * and Maton write them, that is time order; for ids, a stable order. Not localeCompare: its
 * first use loads ICU's collation data, about 7 ms and 2.5 MB resident, for an order these
 * texts do not need.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
