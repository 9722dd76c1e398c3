import type { QuoPhoneNumber, QuoUser } from "../quo/types.js";
import { compact, personName } from "./compact.js";

export function formatPhoneNumber(n: QuoPhoneNumber) {
  return compact({
    id: n.id,
    number: n.number,
    name: n.name,
    users: n.users?.map((u) => compact({ id: u.id, name: personName(u) })),
  });
}

export function formatUser(u: QuoUser) {
  return compact({ id: u.id, name: personName(u), email: u.email, role: u.role });
}

/** Which of your numbers a list is about, stated once above its items. */
export function numberRef(n: QuoPhoneNumber): { id: string; number: string; name: string } {
  return { id: n.id, number: n.number, name: n.name };
}
