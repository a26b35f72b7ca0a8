import type { GraphQLRequestListener } from '@apollo/server';
import { DomainError } from '@policy-cms/common';
import {
  GraphQLBoolean,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  OperationDefinitionNode,
  parse,
} from 'graphql';
import { complexityLimitPlugin } from './complexity.plugin';

/** A schema whose costly field counts how often its cost is estimated. */
function costedSchema() {
  const estimates = { count: 0 };
  const item = new GraphQLObjectType({ name: 'Item', fields: { name: { type: GraphQLString } } });
  const query = new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: {
        type: new GraphQLList(item),
        args: {
          first: { type: new GraphQLNonNull(GraphQLInt), defaultValue: 10 },
          label: { type: GraphQLString },
          flag: { type: GraphQLBoolean },
        },
        extensions: {
          complexity: ({ args, childComplexity }: { args: { first: number }; childComplexity: number }) => {
            estimates.count++;
            return 10 + args.first * childComplexity;
          },
        },
      },
      cheap: { type: GraphQLString },
      byKey: {
        type: item,
        args: { key: { type: new GraphQLNonNull(GraphQLString) } },
        extensions: {
          complexity: () => {
            estimates.count++;
            return 10;
          },
        },
      },
    },
  });
  return { schema: new GraphQLSchema({ query }), estimates };
}

const MAX = 100;

async function check(plugin: ReturnType<typeof complexityLimitPlugin>, query: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === 'OperationDefinition' && (operationName === undefined || definition.name?.value === operationName),
  );
  const listener = (await plugin.requestDidStart?.({} as never)) as GraphQLRequestListener<Record<string, unknown>>;
  await listener.didResolveOperation?.({ request: { query, variables, operationName }, document, operation } as never);
}

async function refusal(run: Promise<void>): Promise<DomainError> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe(complexityLimitPlugin.name, () => {
  it('estimates a document once for every value of a variable the estimate does not read', async () => {
    const { schema, estimates } = costedSchema();
    const plugin = complexityLimitPlugin(() => schema, MAX);
    const query = `query($label: String) { items(first: 5, label: $label) { name } }`;
    for (const label of ['a', 'b', 'c', null]) await check(plugin, query, { label });
    expect(estimates.count).toBe(1);
  });

  it('estimates again for another value of an argument the estimate reads, and refuses one over the limit', async () => {
    const { schema, estimates } = costedSchema();
    const plugin = complexityLimitPlugin(() => schema, MAX);
    const query = `query($first: Int!) { items(first: $first) { name } }`;
    await check(plugin, query, { first: 5 });
    await check(plugin, query, { first: 5 });
    expect(estimates.count).toBe(1);
    const refused = await refusal(check(plugin, query, { first: 500 }));
    expect(refused.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused.message).toBe(`query complexity ${10 + 500} exceeds the limit of ${MAX}`);
    // A refusal is worked out again every time, with the same answer.
    expect((await refusal(check(plugin, query, { first: 500 }))).message).toBe(refused.message);
    expect(estimates.count).toBe(3);
  });

  it('estimates again when a condition of @include or @skip changes, which changes what is counted', async () => {
    const { schema } = costedSchema();
    const plugin = complexityLimitPlugin(() => schema, MAX);
    const query = `query($big: Boolean!) { cheap many: items(first: 500) @include(if: $big) { name } }`;
    await check(plugin, query, { big: false });
    expect((await refusal(check(plugin, query, { big: true }))).code).toBe('QUERY_TOO_COMPLEX');
  });

  it('still refuses null for a non-null argument with a default, after the same document was accepted', async () => {
    const { schema } = costedSchema();
    const plugin = complexityLimitPlugin(() => schema, MAX);
    const query = `query($first: Int) { items(first: $first) { name } }`;
    await check(plugin, query, { first: 5 });
    const refused = await refusal(check(plugin, query, { first: null }));
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.field).toBe('first');
  });

  it('estimates a variable that is a whole non-null argument once for every non-null value (a key), and again for null', async () => {
    const { schema, estimates } = costedSchema();
    const plugin = complexityLimitPlugin(() => schema, MAX);
    const query = `query($key: String) { byKey(key: $key) { name } }`;
    for (const key of ['myna.facilities', 'myna.reservation', 'contact']) await check(plugin, query, { key });
    expect(estimates.count).toBe(1);
    // null (or left out) is another question: its coercion fails, and that refusal is never remembered as accepted.
    expect((await refusal(check(plugin, query, { key: null }))).field).toBe('key');
    expect((await refusal(check(plugin, query, {}))).field).toBe('key');
    await check(plugin, query, { key: 'myna.one-stop' });
    expect(estimates.count).toBe(1);
  });

  it('keeps operations of one document apart', async () => {
    const { schema } = costedSchema();
    const plugin = complexityLimitPlugin(() => schema, MAX);
    const query = `query Small { items(first: 1) { name } } query Large { items(first: 95) { name } }`;
    await check(plugin, query, {}, 'Small');
    expect((await refusal(check(plugin, query, {}, 'Large'))).code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses a fragment bomb as too complex, every time', async () => {
    const { schema } = costedSchema();
    const plugin = complexityLimitPlugin(() => schema, 1_000_000_000);
    const fragments = Array.from({ length: 14 }, (_, i) => `fragment F${i} on Query { ${i === 13 ? 'cheap' : `...F${i + 1} ...F${i + 1}`} }`).join(' ');
    const query = `{ ...F0 } ${fragments}`;
    for (let i = 0; i < 2; i++) expect((await refusal(check(plugin, query))).message).toMatch(/expands to more than/);
  });
});
