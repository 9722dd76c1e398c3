/** Page sizes the v1 endpoints allow at most. */
export const maxPage = { calls: 100, messages: 100, conversations: 100, tasks: 100, contacts: 50, users: 50 } as const;
