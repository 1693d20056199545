import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';

/**
 * The four subgraphs of The Guild's public federation benchmark, in its shape (accounts, products,
 * reviews, inventory; `users → reviews → product → inventory` and back), written here: plain
 * @apollo/subgraph schemas over data generated once from a fixed seed, with no cache hints, so
 * that no gateway's cache can help. Pools are larger than the reference's so that the
 * distinct-variables variant walks different users and products on every request.
 */
export const PEER_SUBGRAPHS = ['accounts', 'products', 'reviews', 'inventory'] as const;
export type PeerSubgraphName = (typeof PEER_SUBGRAPHS)[number];

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@provides", "@requires"])';

export const PEER_SDL: Record<PeerSubgraphName, string> = {
  accounts: `${LINK}
type Query {
  me: User
  user(id: ID!): User
  users(first: Int = 8, offset: Int = 0): [User]
}
type User @key(fields: "id") {
  id: ID!
  name: String
  username: String @shareable
  birthday: Int
}`,
  products: `${LINK}
type Query {
  topProducts(first: Int = 5, offset: Int = 0): [Product]
}
type Product @key(fields: "upc") {
  upc: String!
  name: String
  price: Int
  weight: Int
}`,
  reviews: `${LINK}
type Review @key(fields: "id") {
  id: ID!
  body: String
  product: Product
  author: User @provides(fields: "username")
}
type User @key(fields: "id") {
  id: ID!
  username: String @external
  reviews: [Review]
}
type Product @key(fields: "upc") {
  upc: String!
  reviews: [Review]
}`,
  inventory: `${LINK}
type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price: Int @external
  inStock: Boolean
  shippingEstimate: Int @requires(fields: "price weight")
}`,
};

interface User {
  id: string;
  name: string;
  username: string;
  birthday: number;
}
interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number;
  inStock: boolean;
}
interface Review {
  id: string;
  body: string;
  authorId: string;
  upc: string;
}

const USERS = 1_000;
const PRODUCTS = 100;
const REVIEWS_PER_USER = 2;
/** A product lists its first reviews only: every list stays as short as the reference's. */
const REVIEWS_PER_PRODUCT = 3;

/** mulberry32: the same data on every machine and in every process from one seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip commodo consequat'.split(
    ' ',
  );

function generate(seed: number) {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const users: User[] = Array.from({ length: USERS }, (_, i) => ({
    id: String(i + 1),
    name: `${words(1)} ${words(1)}`,
    username: `user${i + 1}`,
    birthday: 946_684_800 + Math.floor(next() * 600_000_000),
  }));
  const products: Product[] = Array.from({ length: PRODUCTS }, (_, i) => ({
    upc: String(i + 1),
    name: words(2),
    price: 10 + Math.floor(next() * 10_000),
    weight: 10 + Math.floor(next() * 6_000),
    inStock: next() < 0.6,
  }));
  const reviews: Review[] = users.flatMap((u, i) =>
    Array.from({ length: REVIEWS_PER_USER }, (_, k) => ({
      id: String(i * REVIEWS_PER_USER + k + 1),
      body: words(25 + Math.floor(next() * 40)),
      authorId: u.id,
      upc: pick(products).upc,
    })),
  );
  const group = (key: (r: Review) => string) => {
    const by = new Map<string, Review[]>();
    for (const r of reviews) by.set(key(r), [...(by.get(key(r)) ?? []), r]);
    return by;
  };
  return {
    users: new Map(users.map((u) => [u.id, u])),
    userList: users,
    products: new Map(products.map((p) => [p.upc, p])),
    productList: products,
    reviews: new Map(reviews.map((r) => [r.id, r])),
    byAuthor: group((r) => r.authorId),
    byProduct: group((r) => r.upc),
  };
}

export const PEER_SEED = 2014;

/** `first` items of `list` from `offset` on, wrapping round: every offset answers alike in size. */
function window<T>(list: T[], first: number, offset: number): T[] {
  const start = ((offset % list.length) + list.length) % list.length;
  return Array.from({ length: Math.min(first, list.length) }, (_, i) => list[(start + i) % list.length]!);
}

/** Each subgraph's resolvers over its part of the generated data. */
export function peerResolvers(seed = PEER_SEED): Record<PeerSubgraphName, GraphQLResolverMap<unknown>> {
  const data = generate(seed);
  return {
    accounts: {
      Query: {
        me: () => data.userList[0],
        user: (_: unknown, { id }: { id: string }) => data.users.get(id) ?? null,
        users: (_: unknown, { first, offset }: { first: number; offset: number }) =>
          window(data.userList, first, offset),
      },
      User: { __resolveReference: ({ id }: { id: string }) => data.users.get(id) ?? null },
    },
    products: {
      Query: {
        topProducts: (_: unknown, { first, offset }: { first: number; offset: number }) =>
          window(data.productList, first, offset),
      },
      Product: { __resolveReference: ({ upc }: { upc: string }) => data.products.get(upc) ?? null },
    },
    reviews: {
      Review: {
        __resolveReference: ({ id }: { id: string }) => data.reviews.get(id) ?? null,
        product: (r: Review) => ({ upc: r.upc }),
        author: (r: Review) => ({ id: r.authorId, username: data.users.get(r.authorId)?.username }),
      },
      User: {
        __resolveReference: ({ id }: { id: string }) => ({ id }),
        reviews: ({ id }: { id: string }) => data.byAuthor.get(id) ?? [],
      },
      Product: {
        __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
        reviews: ({ upc }: { upc: string }) => (data.byProduct.get(upc) ?? []).slice(0, REVIEWS_PER_PRODUCT),
      },
    },
    inventory: {
      Product: {
        __resolveReference: ({ upc, price, weight }: { upc: string; price?: number; weight?: number }) => ({
          upc,
          price,
          weight,
          inStock: data.products.get(upc)?.inStock ?? null,
        }),
        // The reference's rule: free shipping above 1000, else half the weight.
        shippingEstimate: ({ price, weight }: { price?: number; weight?: number }) =>
          price === undefined || weight === undefined ? null : price > 1000 ? 0 : Math.floor(weight / 2),
      },
    },
  };
}
