import type { ApolloServerPlugin } from '@apollo/server';
import { ERROR_CODES, ErrorCode, HTTP_STATUS_OF } from '@policy-cms/common';

/**
 * A refused request (no `data` in the answer: a parse, validation, limit or operation error) answers with the HTTP
 * status of its code from the one table, HTTP_STATUS_OF. Apollo would otherwise answer a refusal thrown by a plugin
 * with 500 and a persisted-query refusal with 200. A status Apollo chose on purpose for the method (405 for a GET
 * mutation, with Allow: POST) is kept. Answers with `data` keep 200, as the GraphQL-over-HTTP convention has it.
 */
export function httpStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          const code = singleResult.errors?.[0]?.extensions?.code;
          if (!isErrorCode(code)) return;
          if ('data' in singleResult && singleResult.data !== undefined) {
            // Nothing was answered because of a state of the service, not of the request (the database away, the
            // login budget spent): say so in the status too, so that proxies and clients back off and retry.
            const codes = new Set(singleResult.errors!.map((error) => error.extensions?.code));
            const transient = singleResult.data === null && codes.size === 1 && STATE_CODES.has(code);
            if (!transient) return;
          }
          if (response.http.status === 405) return;
          response.http.status = HTTP_STATUS_OF[code];
        },
      };
    },
  };
}

const STATE_CODES = new Set<ErrorCode>(['UNAVAILABLE', 'RATE_LIMITED']);

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}
