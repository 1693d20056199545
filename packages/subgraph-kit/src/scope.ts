import { type Caller, hasRole } from '@union-graph/auth';
import DataLoader from 'dataloader';
import type { Model } from 'mongoose';
import type { OrgRef } from './directory';
import { ForbiddenError, NotFoundError } from './errors';
import { queryByKeys } from './loaders';
import { kitText } from './texts';

/** How a subgraph looks organizations up: its own collection, or the local directory. */
export interface OrgLookup {
  byIds(ids: readonly string[]): Promise<OrgRef[]>;
  /** Ids of the organization and everything below it. */
  subtreeIds(rootId: string): Promise<string[]>;
}

const ORG_REF_PROJECTION = {
  name: 1,
  type: 1,
  level: 1,
  status: 1,
  parentId: 1,
  path: 1,
  divisionCode: 1,
  version: 1,
};

/** Any collection whose documents carry the OrgRef fields (`path` holding ancestor ids) will do. */
export function orgLookupFrom<T extends OrgRef>(model: Model<T>): OrgLookup {
  return {
    byIds: (ids) =>
      queryByKeys(model, '_id', ids, (byId) => model.find(byId, ORG_REF_PROJECTION).lean<OrgRef[]>().exec()),
    subtreeIds: async (rootId) =>
      (await model.find({ path: rootId }, { _id: 1 }).lean<{ _id: string }[]>()).map((o) => o._id),
  };
}

/**
 * The caller's place in the union tree, checked on every read and write: national staff and
 * analysts see the whole tree; everyone else sees the subtree of the organization they act for.
 */
export class Scope {
  readonly orgs: DataLoader<string, OrgRef | null>;

  private subtree?: Promise<string[]>;

  constructor(
    readonly caller: Caller,
    private readonly lookup: OrgLookup,
  ) {
    this.orgs = new DataLoader(async (ids) => {
      const found = new Map((await lookup.byIds(ids)).map((o) => [o._id, o]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  /** True for callers whose scope is the whole tree. */
  get isNationwide(): boolean {
    return this.caller.orgId === null && hasRole(this.caller, 'NATIONAL_ADMIN', 'ANALYST');
  }

  get canWrite(): boolean {
    return hasRole(this.caller, 'NATIONAL_ADMIN', 'ORG_ADMIN');
  }

  contains(org: Pick<OrgRef, 'path'>): boolean {
    if (this.isNationwide) return true;
    return this.caller.orgId !== null && org.path.includes(this.caller.orgId);
  }

  /**
   * A mongo filter limiting documents to the caller's subtree, by a field holding the ancestors
   * path of the document's organization (e.g. `orgPath`). Nationwide callers get no restriction.
   */
  pathFilter(pathField: string): Record<string, unknown> {
    if (this.isNationwide) return {};
    return { [pathField]: this.caller.orgId ?? '\u0000none' };
  }

  /**
   * A mongo filter limiting documents to organizations in the caller's subtree, by a field holding
   * an organization id. Ids come from the directory (one query per request, then reused), so
   * documents stay normalized and a moved subtree needs no rewrite elsewhere.
   */
  async orgFilter(field = 'organizationId'): Promise<Record<string, unknown>> {
    if (this.isNationwide) return {};
    if (this.caller.orgId === null) return { [field]: { $in: [] } };
    this.subtree ??= this.lookup.subtreeIds(this.caller.orgId);
    return { [field]: { $in: await this.subtree } };
  }

  /**
   * The document if its organization is in the caller's scope, else null: outside the scope reads
   * as absent, so ids cannot be probed.
   */
  async visible<T>(doc: T | null | undefined, orgIdOf: (doc: T) => string): Promise<T | null> {
    if (!doc) return null;
    if (this.isNationwide) return doc;
    const org = await this.orgs.load(orgIdOf(doc));
    return org && this.contains(org) ? doc : null;
  }

  /**
   * Ids of a union and everything below it, for a list over that subtree; the caller must see the
   * union (NOT_FOUND / FORBIDDEN on `field` otherwise).
   */
  async subtreeIds(rootId: string, field = 'organizationId'): Promise<string[]> {
    await this.requireOrg(rootId, field);
    return this.lookup.subtreeIds(rootId);
  }

  /** A mongo filter for documents whose `field` names a union in `rootId`'s subtree (see subtreeIds). */
  async subtreeFilter(rootId: string, field = 'organizationId'): Promise<Record<string, { $in: string[] }>> {
    return { [field]: { $in: await this.subtreeIds(rootId) } };
  }

  /** The record if its union is in scope, else NOT_FOUND naming the argument `field`. */
  async requireVisible<T>(
    doc: T | null | undefined,
    orgIdOf: (doc: T) => string,
    typename: string,
    id: string,
    field = 'id',
  ): Promise<T> {
    const seen = await this.visible(doc, orgIdOf);
    if (!seen) throw new NotFoundError(typename, id, field);
    return seen;
  }

  /** As requireVisible, and the caller may change data at the record's union (else FORBIDDEN). */
  async requireWritable<T extends { organizationId: string }>(
    doc: T | null | undefined,
    typename: string,
    id: string,
    field = 'id',
  ): Promise<{ doc: T; org: OrgRef }> {
    const seen = await this.requireVisible(doc, (d) => d.organizationId, typename, id, field);
    return { doc: seen, org: await this.requireWritableOrg(seen.organizationId, field) };
  }

  /** Loads an organization the caller may see, or fails with NOT_FOUND / FORBIDDEN. */
  async requireOrg(orgId: string, field = 'organizationId'): Promise<OrgRef> {
    const org = await this.orgs.load(orgId);
    if (!org) throw new NotFoundError('Organization', orgId, field);
    if (!this.contains(org)) throw new ForbiddenError(kitText('orgOutsideScope', { orgId }));
    return org;
  }

  /** As requireOrg, and the caller must be allowed to change data there. */
  async requireWritableOrg(orgId: string, field = 'organizationId'): Promise<OrgRef> {
    this.requireWriter();
    return this.requireOrg(orgId, field);
  }

  requireWriter(): void {
    if (!this.canWrite) throw new ForbiddenError(kitText('readOnlyRole'));
  }

  requireRole(...roles: Parameters<typeof hasRole> extends [Caller, ...infer R] ? R : never): void {
    if (!hasRole(this.caller, ...roles))
      throw new ForbiddenError(kitText('requiresRole', { roles: roles.join(', ') }));
  }
}
