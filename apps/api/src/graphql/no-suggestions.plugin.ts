import type { ApolloServerPlugin } from '@apollo/server';

/**
 * graphql-js answers a mistyped field with `Did you mean "…"?`, which hands out the schema piece by piece even when
 * introspection is off. The hint goes, the refusal stays (as GraphQL Armor's block-field-suggestions does).
 */
export function noFieldSuggestionsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            error.message = error.message.replace(/ ?Did you mean .+\?$/, '');
          }
        },
      };
    },
  };
}
