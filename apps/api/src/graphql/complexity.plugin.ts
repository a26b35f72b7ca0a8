import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { DomainError } from '@policy-cms/common';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/**
 * Fields the estimate may visit. Fragments are expanded where they are spread, so a "fragment bomb" (fragments
 * spreading each other many times) grows exponentially: the estimate stops at this many nodes and refuses.
 */
export const MAX_ESTIMATED_NODES = 10_000;

/**
 * Refuses an operation whose estimated cost exceeds the limit, before it runs. Costs are declared on the fields
 * (`@Query({ complexity: queryCost(…) })`: database round trips, and list sizes); any other field costs 1.
 */
export function complexityLimitPlugin(schema: () => GraphQLSchema, maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
      return {
        async didResolveOperation({ request, document, operation }) {
          // No operation to run (two without a name, an unknown operationName): Apollo refuses it as bad input.
          if (!operation) return;
          let complexity: number;
          try {
            complexity = getComplexity({
              schema: schema(),
              operationName: request.operationName ?? undefined,
              query: document,
              variables: request.variables,
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
              maxQueryNodes: MAX_ESTIMATED_NODES,
            });
          } catch (error) {
            // Invalid variables: let execution refuse them as BAD_USER_INPUT (HTTP 400) before any resolver runs.
            if (error instanceof GraphQLError && /^Variable "\$\w+"/.test(error.message)) return;
            if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
              throw new DomainError('QUERY_TOO_COMPLEX', `the query expands to more than ${MAX_ESTIMATED_NODES} fields`);
            }
            // An argument that cannot take the value given (null for a non-null argument with a default): the
            // client's mistake, named by the argument, never INTERNAL.
            if (error instanceof GraphQLError) {
              const argument = /^Argument "(\w+)"/.exec(error.message);
              if (argument) throw DomainError.badInput(argument[1], error.message);
            }
            throw error;
          }
          if (complexity > maxComplexity) {
            throw new DomainError('QUERY_TOO_COMPLEX', `query complexity ${complexity} exceeds the limit of ${maxComplexity}`);
          }
        },
      };
    },
  };
}
