// Validates Kubernetes objects (a JSON array on stdin) against the API's published OpenAPI
// schemas as compiled by kubernetes-models; prints one line per problem. A separate process
// because kubernetes-models ships ES modules only, which Jest's CommonJS runtime cannot import.
const input = JSON.parse(await new Response(process.stdin).text());
const problems = [];
for (const obj of input) {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const path = group
    ? `kubernetes-models/${group}/${version}/${obj.kind}`
    : `kubernetes-models/${version}/${obj.kind}`;
  const where = `${obj.kind}/${obj.metadata?.name}`;
  try {
    const Model = (await import(path))[obj.kind];
    new Model(obj).validate();
  } catch (e) {
    problems.push(`${where}: ${e.message}`);
  }
}
process.stdout.write(JSON.stringify(problems));
