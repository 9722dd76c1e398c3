import type { QuoContact } from "../../quo/contacts.js";
import type { Page } from "../../quo/types.js";

/** Long enough for a burst of look-ups in one conversation, short enough to see edits made in the Quo app. */
const TTL_MS = 60_000;
/** Pages of 50: 200 entries is at most 10,000 contacts per key in memory. */
const MAX_ENTRIES = 200;

/**
 * Contact list pages recently fetched with one Maton key, keyed by the request that fetched
 * them, so a phone look-up followed by a name look-up scans Quo once. Writes through
 * manage_contact clear it.
 */
export class ContactCache {
  private readonly entries = new Map<string, { at: number; page: Promise<Page<QuoContact>> }>();

  constructor(private readonly now: () => number = Date.now) {}

  page(key: string, load: () => Promise<Page<QuoContact>>): Promise<Page<QuoContact>> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < TTL_MS) return hit.page;
    this.prune();
    const page = load();
    this.entries.set(key, { at: this.now(), page });
    // A failed fetch must not be remembered.
    page.catch(() => {
      if (this.entries.get(key)?.page === page) this.entries.delete(key);
    });
    return page;
  }

  clear(): void {
    this.entries.clear();
  }

  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (now - entry.at >= TTL_MS) this.entries.delete(key);
    // Maps iterate in insertion order: drop the oldest when still full.
    while (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }
}
