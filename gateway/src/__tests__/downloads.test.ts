import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Caller, verifyHop } from '@union-graph/auth';
import express from 'express';
import { callers, type Harness, startHarness } from './fixtures/harness';

/**
 * `/downloads/:subgraph/:id` against a stand-in subgraph: what the gateway sends it (the caller in
 * the signed hop over an empty body, the request id, nothing of the client's) and what it passes
 * back (the file's headers, never the subgraph's others, always `no-store`).
 */
let h: Harness;
let files: Server;
const seen: { caller: Caller; requestId: unknown; authorization: unknown; path: string }[] = [];
let behaviour: 'ok' | 'fail' | 'slow' = 'ok';

beforeAll(async () => {
  const app = express();
  app.get('/downloads/:id', (req, res) => {
    // Throws (500) unless signed over the empty body with the hop secret.
    const caller = verifyHop(req.headers, '', process.env.UNION_GRAPH_HOP_SECRET!);
    seen.push({
      caller,
      requestId: req.headers['x-request-id'],
      authorization: req.headers.authorization,
      path: req.path,
    });
    if (behaviour === 'fail') return void res.status(500).send('boom');
    if (behaviour === 'slow') return void setTimeout(() => res.send('late'), 2_000).unref();
    if (req.params.id !== 'a'.repeat(43)) return void res.status(404).json({});
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', "attachment; filename*=UTF-8''%E5%90%8D%E5%86%8C.csv");
    res.setHeader('cache-control', 'public, max-age=3600');
    res.setHeader('set-cookie', 'leak=1');
    res.send('姓名\n张三\n');
  });
  files = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (files.address() as AddressInfo).port;
  h = await startHarness({
    // `orgs` is served under a path prefix: its downloads are found relative to its GraphQL URL.
    subgraphUrls: { orgs: `http://127.0.0.1:${port}/graphql` },
    requestTimeoutMs: 500,
  });
});
afterAll(async () => {
  await h?.stop();
  files?.closeAllConnections();
  await new Promise((r) => files?.close(r));
});

const get = async (path: string, caller?: Caller, headers: Record<string, string> = {}) =>
  fetch(new URL(path, h.url), {
    headers: { ...(caller ? { authorization: `Bearer ${await h.token(caller)}` } : {}), ...headers },
  });

describe('downloads', () => {
  it('forwards the caller over the signed hop and passes back only the file', async () => {
    behaviour = 'ok';
    const caller = callers.admin('gd');
    const res = await get(`/downloads/orgs/${'a'.repeat(43)}`, caller, { 'x-request-id': 'dl-1' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('姓名\n张三\n');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      "attachment; filename*=UTF-8''%E5%90%8D%E5%86%8C.csv",
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
    const hop = seen.at(-1)!;
    expect(hop).toEqual({
      caller: expect.objectContaining(caller),
      requestId: 'dl-1',
      authorization: undefined,
      path: `/downloads/${'a'.repeat(43)}`,
    });
  });

  it('refuses without a token, and answers 404 for unknown subgraphs, ids and files', async () => {
    const before = seen.length;
    const anonymous = await get(`/downloads/orgs/${'a'.repeat(43)}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
    for (const path of [
      `/downloads/nowhere/${'a'.repeat(43)}`,
      '/downloads/orgs/..%2F..%2Fgraphql',
      `/downloads/orgs/${'b'.repeat(43)}`,
    ]) {
      const res = await get(path, callers.national());
      expect([path, res.status]).toEqual([path, 404]);
      expect(
        ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
      ).toBe('NOT_FOUND');
    }
    // Only the last one reached the subgraph.
    expect(seen.length).toBe(before + 1);
  });

  it('says when the subgraph failed or was too slow', async () => {
    behaviour = 'fail';
    const failed = await get(`/downloads/orgs/${'a'.repeat(43)}`, callers.national());
    expect(failed.status).toBe(502);
    behaviour = 'slow';
    const slow = await get(`/downloads/orgs/${'a'.repeat(43)}`, callers.national());
    expect(slow.status).toBe(504);
    expect(
      ((await slow.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('SUBGRAPH_TIMEOUT');
    behaviour = 'ok';
  });
});
