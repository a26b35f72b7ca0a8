/**
 * The cost model of the public GraphQL API, declared where the fields are (`@Query({ complexity: queryCost(…) })`).
 * A scalar field costs 1; a field that goes to the database costs ROUND_TRIP_COST per query it runs, plus its
 * selection's cost times the number of items it can return. The server refuses an operation whose estimate is over
 * GRAPHQL_MAX_COMPLEXITY before any resolver runs.
 */

/** One database round trip, in scalar fields: on this machine a trivial query costs about as much as ten fields. */
export const ROUND_TRIP_COST = 10;

/** What graphql-query-complexity hands an estimator (structurally the same as @nestjs/graphql's ComplexityEstimatorArgs). */
export interface CostEstimatorArgs {
  args: Record<string, unknown>;
  childComplexity: number;
}

export interface QueryCostOptions {
  /** Queries the resolver runs. */
  roundTrips?: number;
  /** How many items the field can return: a bound, or a function of its arguments (a page's `first`). */
  items?: number | ((args: Record<string, unknown>) => number);
}

export function queryCost({ roundTrips = 1, items = 1 }: QueryCostOptions = {}): (estimate: CostEstimatorArgs) => number {
  return ({ args, childComplexity }) =>
    roundTrips * ROUND_TRIP_COST + (typeof items === 'function' ? items(args) : items) * Math.max(childComplexity, 1);
}

/**
 * A page's size from its `first` argument, clamped to [1, max] so that an out-of-range `first` is refused by the
 * resolver as BAD_USER_INPUT on `first`, not as a cost.
 */
export function pageSize(max: number, fallback = 50): (args: Record<string, unknown>) => number {
  return (args) => {
    const first = typeof args.first === 'number' && Number.isFinite(args.first) ? args.first : fallback;
    return Math.min(Math.max(Math.trunc(first), 1), max);
  };
}
