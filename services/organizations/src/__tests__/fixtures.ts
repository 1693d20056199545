import type { Caller } from '@union-graph/subgraph-kit';
import { startTestSubgraph, type TestSubgraph, testCallers } from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { organizationsSubgraph } from '../subgraph';

/** A running organizations subgraph on the test stack, with helpers to call it. */
export interface Orgs {
  sg: TestSubgraph<Models>;
  /** Data of a successful operation; fails the test with the errors otherwise. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read response shapes they just asked for
  ok<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ): Promise<T>;
  /** The first error of an operation expected to fail. */
  fails(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ): Promise<{ message: string; code: unknown; field: unknown; extensions: Record<string, unknown> }>;
  create(input: Record<string, unknown>, caller?: Caller): Promise<{ id: string; level: string }>;
}

export const national = testCallers.national();

export const CREATE = `mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { id level path: ancestors { id } }
}`;

export async function startOrgs(): Promise<Orgs> {
  const sg = await startTestSubgraph(organizationsSubgraph);
  const request = (query: string, variables?: Record<string, unknown>, caller: Caller = national) =>
    sg.request(query, { variables, caller });
  const ok: Orgs['ok'] = async (query, variables, caller) => {
    const res = await request(query, variables, caller);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data as never;
  };
  return {
    sg,
    ok,
    async fails(query, variables, caller) {
      const res = await request(query, variables, caller);
      const error = res.errors?.[0];
      if (!error) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
      const extensions = (error.extensions ?? {}) as Record<string, unknown>;
      return { message: error.message, code: extensions.code, field: extensions.field, extensions };
    },
    async create(input, caller) {
      return (await ok<{ createOrganization: { id: string; level: string } }>(CREATE, { input }, caller))
        .createOrganization;
    },
  };
}

export interface BaseTree {
  national: string;
  guangdong: string;
  guangzhou: string;
  tianhe: string;
  township: string;
  henan: string;
  zhengzhou: string;
  zhongyuan: string;
}

/** National → Guangdong → Guangzhou → Tianhe → a street federation; National → Henan → Zhengzhou → Zhongyuan. */
export async function baseTree(orgs: Orgs): Promise<BaseTree> {
  const fed = (name: string, divisionCode: string, parentId?: string) =>
    orgs.create({
      name,
      divisionCode,
      parentId,
      type: parentId ? 'LOCAL_FEDERATION' : 'NATIONAL_FEDERATION',
    });
  const root = await fed('中华全国总工会', '100000');
  const guangdong = await fed('广东省总工会', '440000', root.id);
  const guangzhou = await fed('广州市总工会', '440100', guangdong.id);
  const tianhe = await fed('天河区总工会', '440106', guangzhou.id);
  const township = await orgs.create({
    name: '石牌街道总工会',
    type: 'TOWNSHIP_FEDERATION',
    divisionCode: '440106',
    parentId: tianhe.id,
    locality: '石牌街道',
  });
  const henan = await fed('河南省总工会', '410000', root.id);
  const zhengzhou = await fed('郑州市总工会', '410100', henan.id);
  const zhongyuan = await fed('中原区总工会', '410102', zhengzhou.id);
  return {
    national: root.id,
    guangdong: guangdong.id,
    guangzhou: guangzhou.id,
    tianhe: tianhe.id,
    township: township.id,
    henan: henan.id,
    zhengzhou: zhengzhou.id,
    zhongyuan: zhongyuan.id,
  };
}
