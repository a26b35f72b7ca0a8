import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The instant a request arrived, for the reads answered on its behalf: "now" for a read as of now, and the day in
 * Tokyo that `on` defaults to. Set by the GraphQL edge, which has already settled the record to that instant, so that
 * the read does not wait for a second barrier; without it a read takes the clock's now.
 */
export const requestArrival = new AsyncLocalStorage<Date>();
