import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { canonicalJson } from '@policy-cms/canonical-json';
import { DomainError } from '@policy-cms/common';
import { ASTNode, GraphQLError, GraphQLSchema, Kind, ValueNode, isNonNullType, visit } from 'graphql';
import {
  ComplexityEstimator,
  ComplexityEstimatorArgs,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';

/**
 * Fields the estimate may visit. Fragments are expanded where they are spread, so a "fragment bomb" (fragments
 * spreading each other many times) grows exponentially: the estimate stops at this many nodes and refuses.
 */
export const MAX_ESTIMATED_NODES = 10_000;

/** Bound of the remembered estimates, in characters of document text and variable values. */
const ACCEPTED_MAX_CHARS = 4 * 1024 * 1024;
/** Estimates remembered per document and operation (one per set of values of the variables the estimate read). */
const ACCEPTED_PER_OPERATION = 16;

/**
 * Refuses an operation whose estimated cost exceeds the limit, before it runs. Costs are declared on the fields
 * (`@Query({ complexity: queryCost(…) })`: database round trips, and list sizes); any other field costs 1.
 *
 * The estimate walks the whole operation, every time. An operation found within the limit is remembered with the
 * values of the only variables its estimate depends on (see EstimateInputs), so the same document asked again, with
 * other values for the others (a key, a date, an instant), passes without a second walk. Refusals are not remembered:
 * each is worked out again, so that its error stays exactly the one the walk gives.
 */
export function complexityLimitPlugin(
  schema: () => GraphQLSchema,
  maxComplexity: number,
  accepted: AcceptedEstimates = new AcceptedEstimates(),
): ApolloServerPlugin {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
      return {
        async didResolveOperation({ request, document, operation }) {
          // No operation to run (two without a name, an unknown operationName): Apollo refuses it as bad input.
          if (!operation) return;
          const key = typeof request.query === 'string' ? `${request.operationName ?? ''}\n${request.query}` : undefined;
          const variables = request.variables ?? {};
          if (key !== undefined && accepted.has(key, variables)) return;
          const inputs = new EstimateInputs(document);
          let complexity: number;
          try {
            complexity = getComplexity({
              schema: schema(),
              operationName: request.operationName ?? undefined,
              query: document,
              variables,
              estimators: [inputs.recording([fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })])],
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
          if (key !== undefined) accepted.add(key, inputs.variablesRead(), variables);
        },
      };
    },
  };
}

/**
 * The variables one walk of the estimate depended on. The walk reads variables in three places only: the @skip and
 * @include conditions (which fields it visits), the arguments of a field whose estimator reads them (a page size),
 * and the coercion of each visited field's arguments, which fails for a null in a non-null argument or an invalid
 * value inside an input object or list. Those are recorded; any other variable (a key, a date, knownAt) cannot change
 * the walk, so two requests that agree on the recorded ones get the same estimate. A variable that is a whole
 * non-null argument (`policyInForce(key: $key)`) can only fail that coercion by being null or left out: of it, only
 * that is recorded, so the estimate holds for every key.
 */
export class EstimateInputs {
  private readonly read = new Set<string>();
  private readonly nullness = new Set<string>();

  constructor(document: ASTNode) {
    visit(document, {
      Directive: (directive) => {
        for (const name of variablesIn(directive)) this.read.add(name);
      },
    });
  }

  /**
   * The estimators as one (the first number any gives, as getComplexity takes them), recording the variables behind
   * the arguments they read and those whose coercion can fail.
   */
  recording(estimators: ComplexityEstimator[]): ComplexityEstimator {
    return (options: ComplexityEstimatorArgs) => {
      for (const argument of options.node.arguments ?? []) {
        const definition = options.field.args.find((candidate) => candidate.name === argument.name.value);
        if (argument.value.kind !== Kind.VARIABLE) this.readValue(argument.value);
        else if (definition && isNonNullType(definition.type)) this.nullness.add(argument.value.name.value);
      }
      const watched = { ...options, args: this.watched(options) };
      for (const estimator of estimators) {
        const complexity = estimator(watched);
        if (typeof complexity === 'number' && !Number.isNaN(complexity)) return complexity;
      }
      return undefined;
    };
  }

  /** The variables the walk read, by name; `?name` for one of which only whether it is null (or left out) counts. */
  variablesRead(): string[] {
    const whole = [...this.read];
    return [...whole, ...[...this.nullness].filter((name) => !this.read.has(name)).map((name) => `?${name}`)].sort();
  }

  private watched({ args, node }: ComplexityEstimatorArgs): Record<string, unknown> {
    const valueOf = (name: string | symbol) => node.arguments?.find((argument) => argument.name.value === name)?.value;
    const readAll = () => node.arguments?.forEach((argument) => this.readValue(argument.value));
    return new Proxy(args, {
      get: (target, name, receiver) => {
        const value = valueOf(name);
        if (value) this.readValue(value);
        return Reflect.get(target, name, receiver);
      },
      has: (target, name) => (readAll(), Reflect.has(target, name)),
      ownKeys: (target) => (readAll(), Reflect.ownKeys(target)),
      getOwnPropertyDescriptor: (target, name) => (readAll(), Reflect.getOwnPropertyDescriptor(target, name)),
    });
  }

  private readValue(value: ValueNode): void {
    for (const name of variablesIn(value)) this.read.add(name);
  }
}

function variablesIn(node: ASTNode): string[] {
  const names: string[] = [];
  visit(node, {
    Variable: (variable) => {
      names.push(variable.name.value);
    },
  });
  return names;
}

/** Operations found within the limit, each with the values of the variables its estimate read. */
/** The estimates found within the limit, by document and operation; shared with the GraphQL edge, which asks first. */
export class AcceptedEstimates {
  private readonly byOperation = new LRUCache<string, { names: string[]; values: string }[]>({
    maxSize: ACCEPTED_MAX_CHARS,
    maxEntrySize: ACCEPTED_MAX_CHARS / 8,
    sizeCalculation: (estimates, key) => key.length + estimates.reduce((sum, { names, values }) => sum + names.join().length + values.length, 0) + 64,
  });

  has(key: string, variables: Record<string, unknown>): boolean {
    const estimates = this.byOperation.get(key);
    return estimates?.some(({ names, values }) => valuesOf(names, variables) === values) ?? false;
  }

  add(key: string, names: string[], variables: Record<string, unknown>): void {
    const values = valuesOf(names, variables);
    if (values === undefined) return;
    const estimates = [...(this.byOperation.get(key) ?? []), { names, values }].slice(-ACCEPTED_PER_OPERATION);
    this.byOperation.set(key, estimates);
  }
}

/** The values of some variables, as one string; a variable left out is told apart from null. */
function valuesOf(names: string[], variables: Record<string, unknown>): string | undefined {
  const valueOf = (name: string) => {
    if (name.startsWith('?')) return !Object.prototype.hasOwnProperty.call(variables, name.slice(1)) || variables[name.slice(1)] == null;
    return Object.prototype.hasOwnProperty.call(variables, name) ? canonicalJson(variables[name]) : 0;
  };
  try {
    return JSON.stringify(names.map(valueOf));
  } catch {
    return undefined;
  }
}
