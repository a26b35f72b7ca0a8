import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// An ISO-8601 instant that states its offset: a local time without one is ambiguous and is refused.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

// A plain error, as in the Date scalar: graphql-js then wraps it with the position of the literal, which names the
// argument at fault (a GraphQLError thrown here would be reported as is, without its position).
function invalid(value: unknown): Error {
  return new TypeError(
    `DateTime must be an ISO-8601 instant with an offset or Z (e.g. 2025-03-24T09:00:00+09:00), got ${JSON.stringify(value)}`,
  );
}

export function parseInstant(value: unknown): Date {
  if (typeof value !== 'string') throw invalid(value);
  const match = ISO_INSTANT.exec(value);
  if (!match) throw invalid(value);
  const [, year, month, day, hour, minute, second = '0'] = match;
  const instant = new Date(value);
  // Date.parse rolls 2025-02-30 over to March; compare the fields to refuse it.
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999, which would refuse 0001-01-01.
  const probe = new Date(0);
  probe.setUTCFullYear(+year, +month - 1, +day);
  probe.setUTCHours(+hour, +minute, +second);
  const fieldsExist =
    probe.getUTCFullYear() === +year &&
    probe.getUTCMonth() === +month - 1 &&
    probe.getUTCDate() === +day &&
    probe.getUTCHours() === +hour &&
    probe.getUTCMinutes() === +minute &&
    probe.getUTCSeconds() === +second;
  if (!fieldsExist || Number.isNaN(instant.getTime())) throw invalid(value);
  return instant;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO-8601 with an offset or Z. Answers are given in UTC (Z).',
  serialize(value) {
    const instant = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(instant.getTime())) throw new GraphQLError(`cannot serialise ${JSON.stringify(value)} as a DateTime`);
    return instant.toISOString();
  },
  parseValue: parseInstant,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw invalid((ast as { value?: unknown }).value ?? ast.kind);
    return parseInstant(ast.value);
  },
});
