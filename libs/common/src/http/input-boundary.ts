import type { NextFunction, Request, Response } from 'express';
import { ASTNode, ASTVisitor, GraphQLError, ValidationContext } from 'graphql';
import { DomainError, findInputProblem, textProblem } from '@policy-cms/contract';
import { httpErrorOf } from './error-body';

/**
 * The one input boundary of every HTTP route: the query string and the parsed JSON body may hold only well-formed
 * text (no NUL, no lone surrogate), of bounded size, before anything is hashed, logged or stored. A GraphQL body's
 * variables are named by the variable, as GraphQL itself names a bad variable (`input.summary`, not
 * `variables.input.summary`); string literals inside the document are checked by `wellFormedLiteralsRule`.
 */
export function inputBoundary() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const issue = requestProblem(req);
    if (!issue) return next();
    const { status, body } = httpErrorOf(DomainError.badInput(issue.field, issue.message));
    res.status(status).json(body);
  };
}

function requestProblem(req: Request) {
  // The raw path too: Express decodes route parameters from it (a %00 in /v1/policies/{key}).
  const path = safeDecode(req.path);
  if (path === null || textProblem(path, 2048)) return { field: 'path', message: 'the request path must be well-formed text' };
  const rawIssue = rawQueryProblem(req.originalUrl);
  if (rawIssue) return rawIssue;
  const queryIssue = findInputProblem(req.query, '');
  if (queryIssue) return queryIssue;
  if (req.path === '/graphql') {
    const jsonIssue = queryJsonProblem(req.query);
    if (jsonIssue) return jsonIssue;
  }
  return bodyProblem(req.body);
}

/**
 * A GraphQL GET carries its variables and extensions as JSON in the query string: their escapes (`\u0000`, a lone
 * `\ud800`) only become text once parsed, so they are checked as the body's are. JSON that does not parse is left to
 * Apollo, which refuses it.
 */
function queryJsonProblem(query: Request['query']) {
  for (const name of ['variables', 'extensions'] as const) {
    const text = query[name];
    if (typeof text !== 'string') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    const issue = findInputProblem(parsed, name === 'variables' ? '' : 'extensions');
    if (issue) return issue;
  }
  return null;
}

/** What the boundary finds wrong in a parsed request body (a NUL, ill-formed text, a string too long…), or null. */
export function bodyProblem(body: unknown) {
  if (body === null || typeof body !== 'object') return null;
  if (!Array.isArray(body) && 'variables' in body) {
    const { variables, ...rest } = body as Record<string, unknown>;
    return findInputProblem(variables, '') ?? findInputProblem(rest, '');
  }
  return findInputProblem(body, '');
}

/**
 * A query string whose percent-escapes are not UTF-8 (`%ED%A0%80`, a lone `%F0`) would be decoded with U+FFFD in
 * place of the bad bytes, or kept as it is, by the query parser: refuse it instead, naming the parameter.
 */
function rawQueryProblem(url: string) {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const pair of query.split('&')) {
    const [rawName, ...rawValue] = pair.split('=');
    const name = safeDecode(rawName.replace(/\+/g, ' '));
    if (name === null) return { field: 'query', message: 'a parameter name of the query string is not percent-encoded UTF-8' };
    if (safeDecode(rawValue.join('=').replace(/\+/g, ' ')) === null) {
      const field = textProblem(name, 200) ? 'query' : name;
      return { field, message: `${field} is not percent-encoded UTF-8` };
    }
  }
  return null;
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * Refuses string literals in a GraphQL document that are not well-formed text. The document itself is checked by the
 * boundary above, but an escape in a literal (`"x\u0000"`) only becomes a NUL once the document is parsed.
 */
export function wellFormedLiteralsRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node, _key, parent, _path, ancestors) {
      const problem = textProblem(node.value);
      if (!problem) return;
      // graphql-js hands the immediate parent apart from the ancestors above it.
      const field = argumentPath([...ancestors, ...(parent ? [parent as ASTNode] : [])]) ?? 'query';
      context.reportError(
        new GraphQLError(`${field} ${problem}`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT', field } }),
      );
    },
  };
}

/** `input.summary` for a literal at `createPolicyVersion(input: { summary: "…" })`. */
function argumentPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string | null {
  const names: string[] = [];
  for (const ancestor of ancestors) {
    if (Array.isArray(ancestor)) continue;
    const node = ancestor as ASTNode;
    if (node.kind === 'Field' || node.kind === 'Directive') names.length = 0;
    if (node.kind === 'Argument' || node.kind === 'ObjectField') names.push(node.name.value);
  }
  return names.length ? names.join('.') : null;
}
