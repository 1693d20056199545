// Run by the one-shot `mongo-init` service: initiates the replica set once, then waits for a
// primary, so the subgraphs start only against a writable majority. Re-running is harmless.
const members = ['mongo-1:27017', 'mongo-2:27017', 'mongo-3:27017'].map((host, _id) => ({ _id, host }));
try {
  rs.status();
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') throw e;
  rs.initiate({ _id: 'rs0', members });
}
while (!rs.status().members.some((m) => m.stateStr === 'PRIMARY')) {
  sleep(1000);
}
