import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError, httpErrorOf } from '@policy-cms/common';
import {
  ASTVisitor,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  Lexer,
  SelectionSetNode,
  Source,
  TokenKind,
  ValidationContext,
  ValidationRule,
} from 'graphql';

/**
 * The shape limits of one operation, checked before its cost and before any resolver runs. GraphQL Armor's defaults,
 * except root fields, which Armor does not limit. The admin UI's largest operation (a version with its history) has
 * depth 3, no alias and one root field; the Apollo Sandbox's introspection query has about 300 tokens.
 */
export const QUERY_LIMITS = {
  /** Aliases per operation: 300 aliases of `rulesInForce` were the found attack (issue 8). */
  aliases: 15,
  /** Field depth, introspection excepted (its type references nest deeper). */
  depth: 6,
  directives: 50,
  /** Lexical tokens of the document. */
  tokens: 1000,
  /** Different fields at the root of one operation (repeats of one field are aliases, limited above). */
  rootFields: 10,
} as const;

/**
 * Refuses a document of more than QUERY_LIMITS.tokens tokens before GraphQL parses it, as QUERY_TOO_COMPLEX with
 * HTTP 400. The lexer stops at the limit, so a huge document costs no more than a small one. It runs as HTTP
 * middleware on the GraphQL path: graphql-js's own `maxTokens` parse option would answer a syntax error, and a throw
 * from an Apollo plugin before parsing is logged as an unexpected failure.
 */
export function tokenLimit(maxTokens: number = QUERY_LIMITS.tokens): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const body = req.body as { query?: unknown } | undefined;
    const source = typeof body?.query === 'string' ? body.query : typeof req.query?.query === 'string' ? req.query.query : null;
    if (source === null || countTokens(source, maxTokens) <= maxTokens) return next();
    const { status, body: answer } = httpErrorOf(new DomainError('QUERY_TOO_COMPLEX', `Token limit of ${maxTokens} exceeded.`));
    res.status(status).json(answer);
  };
}

/** The number of tokens of a document, counted up to `max + 1`; a document that does not lex is left to the parser. */
function countTokens(source: string, max: number): number {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++tokens > max) break;
    }
  } catch {
    return 0;
  }
  return tokens;
}

/**
 * A limit refusal as a validation error whose original is the domain's QUERY_TOO_COMPLEX: Apollo answers a
 * validation error with HTTP 400, and the one error formatter takes the code from the domain error.
 */
export function queryTooComplex(message: string, nodes?: GraphQLError['nodes']): GraphQLError {
  return new GraphQLError(message, { nodes, originalError: new DomainError('QUERY_TOO_COMPLEX', message) });
}

function reportRefusal(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(queryTooComplex(error.message.replace(/^Syntax Error: /, ''), error.nodes));
}

const armor = () => ({ propagateOnRejection: false, onReject: [reportRefusal], exposeLimits: true });

/** The validation rules of the limits, to add to graphql-js's own. */
export const queryLimitRules: ValidationRule[] = [
  maxAliasesRule({ ...armor(), n: QUERY_LIMITS.aliases }),
  maxDepthRule({ ...armor(), n: QUERY_LIMITS.depth, ignoreIntrospection: true }),
  maxDirectivesRule({ ...armor(), n: QUERY_LIMITS.directives }),
  maxRootFieldsRule(QUERY_LIMITS.rootFields),
  noSubscriptionsRule,
];

/** The schema has no subscriptions (changes reach clients as webhooks and the change feed): refuse them as bad input. */
export function noSubscriptionsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      if (operation.operation !== 'subscription') return;
      context.reportError(new GraphQLError('this API has no subscriptions; use queries and mutations', { nodes: [operation] }));
    },
  };
}

/** Refuses an operation with more than `max` different root fields, counting those brought in by fragments. */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const names = new Set<string>();
      collectRootFields(operation.selectionSet, context, names, new Set());
      if (names.size > max) {
        context.reportError(queryTooComplex(`Root fields limit of ${max} exceeded, found ${names.size}.`, [operation]));
      }
      return false;
    },
  });
}

function collectRootFields(selectionSet: SelectionSetNode, context: ValidationContext, names: Set<string>, seen: Set<string>): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') names.add(selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectRootFields(selection.selectionSet, context, names, seen);
    } else if (!seen.has(selection.name.value)) {
      // Each fragment once: a fragment spread twice adds no root field, and a cycle is graphql-js's to refuse.
      seen.add(selection.name.value);
      const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(selection.name.value);
      if (fragment) collectRootFields(fragment.selectionSet, context, names, seen);
    }
  }
}
