import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { CalendarDate, isCalendarDate, parseCalendarDate } from '@policy-cms/temporal';

// A plain error: graphql-js then wraps it with the position of the literal, which names the argument at fault.
function invalid(value: unknown): Error {
  return new TypeError(`Date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

function parse(value: unknown): CalendarDate {
  try {
    return parseCalendarDate(value);
  } catch {
    throw invalid(value);
  }
}

/** A calendar date in Japan. Never a timestamp: it cannot shift with the server's or the caller's time zone. */
export const DateScalar = new GraphQLScalarType<CalendarDate, string>({
  name: 'Date',
  description: 'A calendar date in Japan (Asia/Tokyo), YYYY-MM-DD. Invalid dates are rejected, never coerced.',
  serialize(value) {
    if (isCalendarDate(value)) return value;
    throw new GraphQLError(`cannot serialise ${JSON.stringify(value)} as a Date`);
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw invalid((ast as { value?: unknown }).value ?? ast.kind);
    return parse(ast.value);
  },
});
