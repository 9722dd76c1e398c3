/**
 * The recipient allowlist (QUO_MCP_ALLOWED_RECIPIENTS): E.164 numbers or prefixes such as
 * +1555. When set, a send to anyone else is refused before any request goes out.
 */
export class RecipientAllowlist {
  private readonly entries: string[];

  constructor(entries: readonly string[] | undefined) {
    // Entries are compared as digits after "+", so "+1 (555)" and "+1555" mean the same prefix.
    this.entries = (entries ?? []).map(normalize).filter((e) => e.length > 1);
  }

  get active(): boolean {
    return this.entries.length > 0;
  }

  allows(e164: string): boolean {
    if (!this.active) return true;
    const number = normalize(e164);
    return this.entries.some((entry) => number.startsWith(entry));
  }

  /** The recipients not allowed, in the order given. */
  refused(recipients: readonly string[]): string[] {
    return recipients.filter((r) => !this.allows(r));
  }

  describe(): string {
    return this.entries.join(", ");
  }
}

function normalize(value: string): string {
  return `+${value.replace(/[^\d]/g, "")}`;
}
