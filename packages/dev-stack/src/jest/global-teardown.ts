export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__UNION_GRAPH_STACK__;
  globalThis.__UNION_GRAPH_STACK__ = undefined;
  await stack?.stop();
}
