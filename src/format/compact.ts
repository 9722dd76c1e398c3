/** Drops null, undefined and empty-string fields: a model pays for every character it reads. */
export function compact<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const field = value[key];
    if (field === null || field === undefined || field === "") continue;
    if (Array.isArray(field) && field.length === 0) continue;
    out[key] = field;
  }
  return out as { [K in keyof T]: Exclude<T[K], null> };
}

/** "Ada Lovelace", or the email when the name is unknown. */
export function personName(user: { firstName?: string | null; lastName?: string | null; email?: string }): string | undefined {
  const name = [user.firstName, user.lastName].filter(Boolean).join(" ");
  return name || user.email || undefined;
}

/** ISO timestamps without milliseconds: `2026-11-21T09:00:00Z`. */
export function shortTime(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return value.replace(/\.\d{3}Z$/, "Z");
}
