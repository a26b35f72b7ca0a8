/**
 * The options of a text that counts something: `%{count}` in its words, and `smart_count` for polyglot to choose the
 * English form (`'%{count} event |||| %{count} events'`; Japanese has one form).
 */
export const countOptions = (count: number) => ({ count, smart_count: count });
