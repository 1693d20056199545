import type { Model, QueryFilter, SortOrder } from 'mongoose';
import { BadUserInputError } from './errors';
import { kitText } from './texts';

export const DEFAULT_PAGE_SIZE = 20;
/** The hard ceiling on any list: larger pages are refused, not silently truncated. */
export const MAX_PAGE_SIZE = 1000;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  /**
   * A thunk: the count costs a round trip, so it only runs when the client asks for it. Null when
   * withheld from the reader (disclosure control, statistics/disclosure.ts).
   */
  totalCount: () => Promise<number | null> | number | null;
}

/** What every `XConnection` GraphQL type maps to in generated resolver types. */
export type AnyConnection = Connection<unknown>;

const CURSOR_PREFIX = 'o:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = Number(raw.slice(CURSOR_PREFIX.length));
  if (!raw.startsWith(CURSOR_PREFIX) || !Number.isSafeInteger(offset) || offset < 0) {
    throw new BadUserInputError(kitText('badCursor'), 'after');
  }
  return offset;
}

/** Validates `first`/`after` and returns the window to read. */
export function pageWindow({ first, after }: ConnectionArgs, maxPageSize = MAX_PAGE_SIZE) {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxPageSize) {
    throw new BadUserInputError(kitText('pageSize', { max: maxPageSize }), 'first', { max: maxPageSize });
  }
  return { skip: after ? decodeCursor(after) : 0, limit };
}

function toConnection<T>(
  page: T[],
  skip: number,
  limit: number,
  totalCount: Connection<T>['totalCount'],
): Connection<T> {
  const nodes = page.slice(0, limit);
  const edges = nodes.map((node, i) => ({ node, cursor: encodeCursor(skip + i + 1) }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: page.length > limit,
      hasPreviousPage: skip > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

/** One page of a collection; `_id` is always the final sort key so pages never overlap. */
export async function paginate<T>(
  model: Model<T>,
  filter: QueryFilter<T>,
  args: ConnectionArgs,
  sort: Record<string, SortOrder> = {},
): Promise<Connection<T>> {
  const { skip, limit } = pageWindow(args);
  const page =
    limit === 0
      ? []
      : await model
          .find(filter)
          .sort({ ...sort, _id: 1 })
          .skip(skip)
          .limit(limit + 1)
          .lean<T[]>();
  return toConnection(page, skip, limit, () => model.countDocuments(filter).exec());
}

/** A page over a list already in memory, e.g. one slice of a batched DataLoader result. */
export function connectionFromArray<T>(items: readonly T[], args: ConnectionArgs): Connection<T> {
  const { skip, limit } = pageWindow(args);
  return toConnection(items.slice(skip, skip + limit + 1), skip, limit, () => items.length);
}

/** Maps `{ field, direction }` inputs onto a mongoose sort, refusing fields not offered. */
export function toSort(
  orderBy: { field: string; direction?: 'ASC' | 'DESC' | null } | null | undefined,
  fields: Record<string, string>,
): Record<string, SortOrder> {
  if (!orderBy) return {};
  const path = fields[orderBy.field];
  if (!path) throw new BadUserInputError(kitText('orderBy', { field: orderBy.field }), 'orderBy.field');
  return { [path]: orderBy.direction === 'DESC' ? -1 : 1 };
}
