import { GraphQLScalarType, Kind } from 'graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';

function toFen(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError('Fen must be a whole number of fen (1 yuan = 100 fen)');
  }
  return value;
}

/** Money as integer fen: fractions are refused rather than rounded, so nothing is rounded away. */
export const FenResolver = new GraphQLScalarType({
  name: 'Fen',
  description: '金额（分）Money in integer fen',
  serialize: toFen,
  parseValue: toFen,
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw new TypeError('Fen must be an integer literal');
    return toFen(Number(ast.value));
  },
});

export const scalarResolvers = { DateTime: DateTimeResolver, Date: DateResolver, Fen: FenResolver };
