/** Injection token for the Clock; tests replace it to stand at a chosen instant. */
export const CLOCK = Symbol('CLOCK');
