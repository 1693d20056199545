import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import Ajv from 'ajv';
import { Copy, DockerfileParser } from 'dockerfile-ast';
import { validate as validateDockerfile } from 'dockerfile-utils';
import { applyPatch, type Operation } from 'fast-json-patch';
import { parse, parseAllDocuments } from 'yaml';

/**
 * deploy/ is checked by parsing, since no Docker engine or cluster runs here: compose files and
 * manifests against their published schemas, Dockerfiles against the repository and the
 * packages' scripts, and every name and port against gateway/subgraphs.json.
 */

const root = join(__dirname, '..', '..');
const deploy = join(root, 'deploy');
const read = (path: string) => readFileSync(path, 'utf8');
const readJson = <T>(path: string): T => JSON.parse(read(path)) as T;

interface Unit {
  name: string;
  folder: string;
  port: number;
  pkg: { name: string; scripts: Record<string, string> };
}
const subgraphs = readJson<{ name: string; url: string; package: string }[]>(
  join(root, 'gateway/subgraphs.json'),
);
const units: Unit[] = [
  ...subgraphs.map((s) => ({ name: s.name, folder: s.package, port: Number(new URL(s.url).port) })),
  { name: 'gateway', folder: 'gateway', port: 4000 },
].map((u) => ({ ...u, pkg: readJson(join(root, u.folder, 'package.json')) }));

/** What a secret-bearing file is committed as: its `.example`, the real one being gitignored. */
const existsOrExample = (path: string) => existsSync(path) || existsSync(`${path}.example`);

describe('Dockerfiles', () => {
  it('there is one per subgraph and the gateway, and no other', () => {
    const files = readdirSync(join(deploy, 'docker')).filter((f) => f.endsWith('.Dockerfile'));
    expect(files.sort()).toEqual(units.map((u) => `${u.name}.Dockerfile`).sort());
    const workspaces = readdirSync(join(root, 'services')).filter((d) =>
      existsSync(join(root, 'services', d, 'package.json')),
    );
    expect(workspaces.sort()).toEqual(subgraphs.map((s) => s.package.replace('services/', '')).sort());
  });

  describe.each(units)('$name', (unit) => {
    const text = read(join(deploy, 'docker', `${unit.name}.Dockerfile`));
    const instructions = DockerfileParser.parse(text).getInstructions();
    const args = (keyword: string) =>
      instructions.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? '');
    const lastStage = text.slice(text.lastIndexOf('\nFROM '));

    it('parses without problems', () => {
      expect(validateDockerfile(text).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    });

    it('prunes, builds and installs exactly its own workspace', () => {
      expect(args('RUN')).toEqual(
        expect.arrayContaining([
          `turbo prune ${unit.pkg.name} --docker`,
          expect.stringContaining(`turbo run build --filter=${unit.pkg.name}...`),
          expect.stringContaining(`npm ci --omit=dev --workspace=${unit.pkg.name}`),
        ]),
      );
    });

    it('copies only paths that exist in the repository or that the build produces', () => {
      const copies = instructions.filter((i): i is Copy => i instanceof Copy);
      expect(copies.length).toBeGreaterThan(0);
      for (const copy of copies) {
        const from = copy.getFromFlag()?.getValue();
        const sources = copy
          .getArguments()
          .slice(0, -1)
          .map((a) => a.getValue());
        for (const src of sources) {
          const inRepo = from === 'build' ? relative('/app', src) : src;
          // prune and deps hold turbo's and npm's own output; `dist` is what the package's build writes.
          const exists =
            from === 'prune' ||
            from === 'deps' ||
            existsSync(join(root, inRepo)) ||
            (from === 'build' && inRepo.endsWith('/dist') && 'build' in unit.pkg.scripts);
          expect({ src, exists }).toEqual({ src, exists: true });
        }
      }
    });

    it('starts like its package script, as a non-root user, with a health check and its port', () => {
      const workdir = args('WORKDIR').at(-1);
      expect(workdir).toBe(`/app/${unit.folder}`);
      const cmd = JSON.parse(args('CMD').at(-1)!) as string[];
      expect(cmd.join(' ')).toBe(unit.pkg.scripts.start);
      expect(lastStage).toMatch(/\nUSER node\n/);
      expect(lastStage).toContain('HEALTHCHECK');
      expect(lastStage).toContain(`PORT=${unit.port}`);
      expect(lastStage).toContain('HOST=0.0.0.0');
      expect(lastStage).toContain(`EXPOSE ${unit.port}`);
    });
  });
});

describe('docker compose', () => {
  const file = join(deploy, 'compose', 'compose.yaml');
  const compose = parse(read(file), { merge: true }) as {
    services: Record<string, Record<string, unknown>>;
  };
  const services = compose.services;

  it('is valid against the Compose Specification schema', () => {
    // The Compose Specification's own schema, as dclint ships it; its draft-07 `$schema` URL is
    // the https spelling Ajv does not know by name, and Ajv's default is that draft anyway.
    const { $schema: _, ...schema } = readJson<Record<string, unknown>>(
      join(dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json'),
    );
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    validate(compose);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('runs every subgraph and the gateway from its Dockerfile, secrets from an uncommitted env file', () => {
    for (const unit of units) {
      const service = services[unit.name]!;
      const build = service.build as { context: string; dockerfile: string };
      expect(join(dirname(file), build.context)).toBe(root);
      expect(build.dockerfile).toBe(`deploy/docker/${unit.name}.Dockerfile`);
      for (const env of service.env_file as string[]) {
        expect(existsOrExample(join(dirname(file), env))).toBe(true);
        expect(existsSync(join(dirname(file), `${env}.example`))).toBe(true);
      }
      expect(read(join(deploy, '.gitignore'))).toMatch(/^\*\.env$/m);
      if (unit.name !== 'gateway') {
        expect(service.environment).toMatchObject({ PORT: String(unit.port) });
        expect((service.depends_on as Record<string, unknown>)['mongo-init']).toEqual({
          condition: 'service_completed_successfully',
        });
      }
    }
  });

  it('initiates the replica set the subgraphs connect to', () => {
    const members = ['mongo-1', 'mongo-2', 'mongo-3'];
    for (const m of members)
      expect(services[m]!.command).toEqual(['mongod', '--replSet', 'rs0', '--bind_ip_all']);
    const init = read(join(deploy, 'compose', 'mongo-init.js'));
    for (const m of members) expect(init).toContain(`'${m}:27017'`);
    expect(init).toContain("_id: 'rs0'");
    const url = (services.members!.environment as Record<string, string>).MONGO_URL!;
    expect(url).toBe(`mongodb://${members.map((m) => `${m}:27017`).join(',')}/?replicaSet=rs0`);
  });

  it('points the gateway at every subgraph and at a mounted supergraph', () => {
    const gateway = services.gateway!;
    const env = gateway.environment as Record<string, string>;
    expect(JSON.parse(env.UNION_GRAPH_SUBGRAPH_URLS!)).toEqual(
      Object.fromEntries(
        units.filter((u) => u.name !== 'gateway').map((u) => [u.name, `http://${u.name}:${u.port}/graphql`]),
      ),
    );
    const [source, target] = (gateway.volumes as string[])[0]!.split(':');
    expect(env.UNION_GRAPH_SUPERGRAPH).toBe(`${target}/supergraph.graphql`);
    expect(existsSync(join(dirname(file), source!, 'supergraph.graphql'))).toBe(true);
  });
});

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are free-form until validated
  spec?: any;
  data?: Record<string, string>;
};
interface Kustomization {
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target: { kind: string; name?: string }; patch: string }[];
  configMapGenerator?: { name: string; files?: string[]; literals?: string[]; behavior?: string }[];
  secretGenerator?: { name: string; envs: string[] }[];
}
const KUSTOMIZATION_KEYS = [
  'apiVersion',
  'kind',
  'namespace',
  'labels',
  'resources',
  'images',
  'patches',
  'configMapGenerator',
  'secretGenerator',
];

/**
 * The subset of kustomize these overlays use (resources, namespace, images, JSON 6902 patches,
 * generators), enough to validate what `kubectl apply -k` would send.
 */
function render(dir: string): K8sObject[] {
  const k = parse(read(join(dir, 'kustomization.yaml'))) as Kustomization;
  expect(Object.keys(k).filter((key) => !KUSTOMIZATION_KEYS.includes(key))).toEqual([]);
  let objects: K8sObject[] = [];
  for (const resource of k.resources ?? []) {
    const path = join(dir, resource);
    expect({ resource, exists: existsSync(path) }).toEqual({ resource, exists: true });
    objects.push(
      ...(existsSync(join(path, 'kustomization.yaml'))
        ? render(path)
        : parseAllDocuments(read(path)).map((d) => d.toJS() as K8sObject)),
    );
  }
  for (const gen of [...(k.configMapGenerator ?? []), ...(k.secretGenerator ?? [])]) {
    const inputs = [...(gen.files ?? []), ...('envs' in gen ? gen.envs : [])];
    for (const input of inputs) {
      // The supergraph is copied in from gateway/ before an apply (deploy/README.md).
      const source = input === 'supergraph.graphql' ? join(root, 'gateway', input) : join(dir, input);
      expect({ input, exists: existsOrExample(source) }).toEqual({ input, exists: true });
    }
    const kind = 'envs' in gen ? 'Secret' : 'ConfigMap';
    if (!(gen as { behavior?: string }).behavior)
      objects.push({ apiVersion: 'v1', kind, metadata: { name: gen.name } });
    else expect(objects.some((o) => o.kind === kind && o.metadata.name === gen.name)).toBe(true);
  }
  for (const { target, patch } of k.patches ?? []) {
    const matches = objects.filter(
      (o) =>
        o.kind === target.kind && (!target.name || new RegExp(`^(${target.name})$`).test(o.metadata.name)),
    );
    expect({ target, matches: matches.length > 0 }).toEqual({ target, matches: true });
    const ops = parse(patch) as Operation[];
    objects = objects.map((o) =>
      matches.includes(o) ? applyPatch(structuredClone(o), ops, true).newDocument : o,
    );
  }
  for (const image of k.images ?? []) {
    const used = objects
      .flatMap((o) => o.spec?.template?.spec?.containers ?? [])
      .filter((c) => c.image === image.name);
    expect({ image: image.name, used: used.length }).toEqual({ image: image.name, used: 1 });
    for (const c of used) c.image = `${image.newName ?? image.name}:${image.newTag ?? 'latest'}`;
  }
  if (k.namespace) for (const o of objects) if (o.kind !== 'Namespace') o.metadata.namespace = k.namespace;
  return objects;
}

function validateWithKubernetesModels(objects: K8sObject[]): string[] {
  const r = spawnSync(process.execPath, [join(__dirname, 'k8s-validate.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

describe.each(['staging', 'production'])('Kubernetes overlay %s', (overlay) => {
  const objects = render(join(deploy, 'k8s', 'overlays', overlay));
  const find = (kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);

  it('renders objects that are valid against the Kubernetes API schemas', () => {
    expect(validateWithKubernetesModels(objects)).toEqual([]);
    expect(
      objects.filter((o) => o.kind !== 'Namespace').every((o) => o.metadata.namespace === 'union-graph'),
    ).toBe(true);
  });

  it.each(units)(
    'runs $name with probes, resources, a Service, an autoscaler and a disruption budget',
    (unit) => {
      const deployment = find('Deployment', unit.name)!;
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.ports).toEqual([{ name: 'http', containerPort: unit.port }]);
      expect(container.env).toEqual(expect.arrayContaining([{ name: 'PORT', value: String(unit.port) }]));
      expect(container.resources.requests).toEqual({ cpu: expect.anything(), memory: expect.anything() });
      expect(container.resources.limits).toEqual({ cpu: expect.anything(), memory: expect.anything() });
      expect(container.image).toMatch(new RegExp(`/union-graph/${unit.name}:[\\w.]+$`));
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(deployment.spec.replicas).toBeUndefined();
      const labels = deployment.spec.template.metadata.labels;
      expect(deployment.spec.selector.matchLabels).toEqual(labels);
      expect(find('Service', unit.name)!.spec).toMatchObject({
        selector: labels,
        ports: [{ port: unit.port }],
      });
      expect(find('HorizontalPodAutoscaler', unit.name)!.spec.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: unit.name,
      });
      expect(find('PodDisruptionBudget', unit.name)!.spec.selector.matchLabels).toEqual(labels);
      const refs = container.envFrom.map((e: Record<string, { name: string }>) => Object.values(e)[0]!.name);
      expect(refs).toEqual(['union-graph-config', 'union-graph-secrets']);
    },
  );

  it('mounts the supergraph ConfigMap as a directory the gateway watches', () => {
    const pod = find('Deployment', 'gateway')!.spec.template.spec;
    const [container] = pod.containers;
    const [mount] = container.volumeMounts;
    expect(mount.subPath).toBeUndefined();
    expect(pod.volumes).toEqual([{ name: mount.name, configMap: { name: 'union-graph-supergraph' } }]);
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'UNION_GRAPH_SUPERGRAPH', value: `${mount.mountPath}/supergraph.graphql` },
      ]),
    );
    expect(find('ConfigMap', 'union-graph-supergraph')).toBeDefined();
  });

  it('routes the gateway to every subgraph Service', () => {
    const urls = JSON.parse(find('ConfigMap', 'union-graph-config')!.data!.UNION_GRAPH_SUBGRAPH_URLS!);
    expect(urls).toEqual(
      Object.fromEntries(subgraphs.map((s) => [s.name, `http://${s.name}:${new URL(s.url).port}/graphql`])),
    );
  });
});
