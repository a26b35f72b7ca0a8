/**
 * The seam between the public read path and the HTTP edge: the edge may replay a stored answer only for the state of
 * the record the answer was computed from. The read model (libs/policy) provides it.
 */
export const READ_FRESHNESS = Symbol('READ_FRESHNESS');

export interface ReadFreshness {
  /**
   * Resolves once every ledger change recorded at or before `instant` is reflected in the answers this instance gives,
   * with a token naming that state of the record: equal tokens mean equal answers to the same question (same document,
   * variables and Tokyo day). Rejects with DomainError UNAVAILABLE when the state cannot be settled in time.
   */
  settledState(instant: Date): Promise<string>;
  /**
   * The token of the state answers are given from right now, without waiting; undefined while the model is not
   * serving (then nothing may be stored). A stored answer must have been computed under one state: compare the token
   * before and after computing it.
   */
  currentState(): string | undefined;
  /**
   * A name of the state of the whole record at a past `instant` already settled (settledState): two instants with the
   * same name have the same answer to every question "as known at" them. Several instants share one state when no
   * change was recorded between them. Undefined when it cannot be told (the model is not serving).
   */
  recordStateAt?(instant: Date): string | undefined;
}
