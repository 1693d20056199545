import { body } from '../queries';

const FRAGMENTS = `fragment User on User { id username name }
fragment Review on Review { id body }
fragment Product on Product { inStock name price shippingEstimate upc weight }`;

/**
 * The reference benchmark's heavy nested query: users → reviews → product → reviews → author →
 * reviews → product, and the top products the same way down. With `$offset` every request may
 * start its lists elsewhere (same size, different users and products).
 */
function testQuery(offset: boolean): string {
  const [vars, users, top] = offset
    ? ['($offset: Int!)', 'users(offset: $offset)', 'topProducts(offset: $offset)']
    : ['', 'users', 'topProducts'];
  return `${FRAGMENTS}
query TestQuery${vars} {
  ${users} { ...User reviews { ...Review product { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } } } }
  ${top} { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } }
}`;
}

/** Every request the same query: in-flight deduplication can share executions. */
export const sameQueryBodies = (): string[] => [body(testQuery(false))];

/** Every request different variables (`count` bodies, cycled only past that): nothing to share. */
export const distinctBodies = (count: number): string[] => {
  const query = testQuery(true);
  return Array.from({ length: count }, (_, offset) => body(query, { offset }));
};
