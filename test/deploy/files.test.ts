import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** The apps' registered operations (README.md, "Frontends"): clients.json and their manifests. */
const registryDir = join(deploy, 'trusted-documents');
const registered = readdirSync(registryDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** What a secret-bearing file is committed as: its `.example`, the real one being gitignored. */
const existsOrExample = (path: string) => existsSync(path) || existsSync(`${path}.example`);

const dockerfile = read(join(deploy, 'Dockerfile'));
const dockerfileLines = dockerfile.split('\n');
/** The lines of each stage, from its FROM to the next. */
const stages = dockerfileLines
  .map((line, i) => (line.startsWith('FROM ') ? i : -1))
  .filter((i) => i >= 0)
  .map((from, k, starts) => dockerfileLines.slice(from, starts[k + 1]));
/** The ARGs declared before the first FROM, with their defaults. */
const globalArgs = dockerfileLines
  .slice(
    0,
    dockerfileLines.findIndex((l) => l.startsWith('FROM ')),
  )
  .filter((l) => l.startsWith('ARG '))
  .map((l) => {
    const [name, ...value] = l.slice(4).split('=');
    return { name: name!, value: value.length ? value.join('=') : undefined };
  });

/** What Docker makes of the global ARGs given these build args: defaults may use earlier ARGs. */
function buildArgValues(given: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { name, value } of globalArgs)
    values[name] = given[name] ?? (value ?? '').replace(/\$\{(\w+)\}/g, (_, v: string) => values[v] ?? '');
  return values;
}
const substitute = (text: string, values: Record<string, string>) =>
  text.replace(/\$\{(\w+)\}/g, (all, v: string) => values[v] ?? all);

interface ComposeService {
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  [key: string]: unknown;
}
const composeFile = join(deploy, 'compose', 'compose.yaml');
const compose = parse(read(composeFile), { merge: true }) as { services: Record<string, ComposeService> };

describe('the Dockerfile', () => {
  it('is the only one, and every service workspace is a subgraph in gateway/subgraphs.json', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }))
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (/dockerfile/i.test(e.name)) found.push(relative(root, join(dir, e.name)));
    };
    walk(deploy);
    expect(found).toEqual(['deploy/Dockerfile']);
    const workspaces = readdirSync(join(root, 'services')).filter((d) =>
      existsSync(join(root, 'services', d, 'package.json')),
    );
    expect(workspaces.sort()).toEqual(subgraphs.map((s) => s.package.replace('services/', '')).sort());
  });

  it('parses without problems', () => {
    expect(validateDockerfile(dockerfile).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('declares in each stage every build argument the stage uses', () => {
    const names = globalArgs.map((a) => a.name);
    for (const stage of stages) {
      const declared = new Set<string>();
      for (const line of stage.slice(1)) {
        if (line.startsWith('ARG ')) declared.add(line.slice(4).split('=')[0]!);
        for (const [, used] of line.matchAll(/\$\{(\w+)\}/g))
          if (names.includes(used!))
            expect({ stage: stage[0], used, declared: declared.has(used!) }).toEqual({
              stage: stage[0],
              used,
              declared: true,
            });
      }
    }
  });

  it('checks its build arguments against the workspace before building', () => {
    const prune = stages.find((s) => s[0]!.endsWith(' AS prune'))!.join('\n');
    expect(prune).toContain(`require('./\${FOLDER}/package.json')`);
    expect(prune).toContain(`p.name !== '\${PACKAGE}'`);
    expect(prune.indexOf('package.json')).toBeLessThan(prune.indexOf('turbo prune'));
  });

  it('stays out of secrets in the build context', () => {
    const ignored = read(join(root, '.dockerignore')).split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', 'deploy/**/*.env']));
  });

  describe.each(units)('built for $name', (unit) => {
    const given = compose.services[unit.name]!.build!.args!;
    const values = buildArgValues(given);
    const text = substitute(dockerfile, values);
    const instructions = DockerfileParser.parse(text).getInstructions();
    const args = (keyword: string) =>
      instructions.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? '');
    const lastStage = text.slice(text.lastIndexOf('\nFROM '));
    const buildStage = substitute(stages.find((s) => s[0]!.endsWith(' AS build'))!.join('\n'), values);

    it('gets the workspace, its folder and port from its build args', () => {
      expect(values).toMatchObject({
        SERVICE: unit.name,
        PACKAGE: unit.pkg.name,
        FOLDER: unit.folder,
        PORT: String(unit.port),
      });
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
          // prune and deps hold turbo's and npm's own output; `dist` is what the package's build
          // writes, and the build stage gathers what the runtime needs in a folder it creates.
          const exists =
            from === 'prune' ||
            from === 'deps' ||
            existsSync(join(root, inRepo)) ||
            (from === 'build' && inRepo.endsWith('/dist') && 'build' in unit.pkg.scripts) ||
            (from === 'build' && buildStage.includes(`mkdir -p ${src} `));
          expect({ src, exists }).toEqual({ src, exists: true });
        }
      }
    });

    it('takes its compiled code and whichever schema files it reads into the image', () => {
      expect('build' in unit.pkg.scripts).toBe(true);
      const gather = args('RUN').find((r) => r.includes('mkdir -p /runtime'))!;
      expect(gather).toContain(`cd ${unit.folder} && cp -R dist /runtime/`);
      const optional = gather.match(/for f in ([^;]+);/)![1]!.split(' ');
      // What the code reads at run time: a subgraph's schema (subgraph-kit's subgraphSchemaFiles),
      // the gateway's supergraph.
      const dir = join(root, unit.folder);
      const schema =
        unit.name === 'gateway'
          ? 'supergraph.graphql'
          : existsSync(join(dir, 'schema.graphql'))
            ? 'schema.graphql'
            : 'schema';
      expect(existsSync(join(dir, schema))).toBe(true);
      if (schema === 'schema')
        expect(readdirSync(join(dir, schema)).some((f) => f.endsWith('.graphql'))).toBe(true);
      expect(optional).toContain(schema);
      const fromBuild = instructions
        .filter((i): i is Copy => i instanceof Copy && i.getFromFlag()?.getValue() === 'build')
        .map((i) => i.getArgumentsContent());
      expect(fromBuild).toContain(`/runtime ${unit.folder}`);
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
      expect(args('COPY')).toContain('deploy/healthcheck.cjs /healthcheck.cjs');
    });
  });
});

describe('docker compose', () => {
  const file = composeFile;
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

  it('builds every subgraph and the gateway from the one Dockerfile, secrets from an uncommitted env file', () => {
    for (const unit of units) {
      const service = services[unit.name]!;
      const build = service.build!;
      expect(join(dirname(file), build.context)).toBe(root);
      expect(build.dockerfile).toBe('deploy/Dockerfile');
      expect(build.args).toMatchObject({ SERVICE: unit.name, PORT: String(unit.port) });
      expect(buildArgValues(build.args!)).toMatchObject({ PACKAGE: unit.pkg.name, FOLDER: unit.folder });
      expect(service.image).toBe(`union-graph/${unit.name}:\${UNION_GRAPH_TAG:-latest}`);
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

  it('mounts the registered trusted documents where the gateway loads them', () => {
    const gateway = services.gateway!;
    const env = gateway.environment as Record<string, string>;
    const mounts = (gateway.volumes as string[]).map((v) => v.split(':'));
    const [source] = mounts.find(([, target]) => target === env.UNION_GRAPH_TRUSTED_DOCUMENTS)!;
    expect(join(dirname(file), source!)).toBe(registryDir);
    expect(registered).toContain('clients.json');
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
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target: { kind?: string; name?: string }; patch: string }[];
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

/** Where kustomize's label transformer writes a label meant for selectors (and pod templates). */
function addLabels(
  o: K8sObject,
  { pairs, includeSelectors, includeTemplates }: Required<Kustomization>['labels'][0],
) {
  const merge = (labels: Record<string, string> | undefined) => ({ ...labels, ...pairs });
  o.metadata.labels = merge(o.metadata.labels);
  if (!includeSelectors && !includeTemplates) return;
  // Only the kinds whose selector fields are emulated here.
  expect(['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']).toContain(o.kind);
  if (o.kind === 'Deployment') o.spec.template.metadata.labels = merge(o.spec.template.metadata.labels);
  if (!includeSelectors) return;
  if (o.kind === 'Deployment') {
    o.spec.selector.matchLabels = merge(o.spec.selector.matchLabels);
    for (const c of o.spec.template.spec.topologySpreadConstraints ?? [])
      if (c.labelSelector?.matchLabels) c.labelSelector.matchLabels = merge(c.labelSelector.matchLabels);
  }
  if (o.kind === 'Service') o.spec.selector = merge(o.spec.selector);
  if (o.kind === 'PodDisruptionBudget' && o.spec.selector?.matchLabels)
    o.spec.selector.matchLabels = merge(o.spec.selector.matchLabels);
}

/**
 * The subset of kustomize these kustomizations use (resources, namespace, labels, images, JSON 6902
 * patches, generators), enough to validate what `kubectl apply -k` would send; where kubectl is
 * installed, a test below checks that kustomize itself renders the same.
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
    for (const entry of inputs) {
      // `key=file` names the file's key in the ConfigMap.
      const input = entry.slice(entry.indexOf('=') + 1);
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
        (!target.kind || o.kind === target.kind) &&
        (!target.name || new RegExp(`^(${target.name})$`).test(o.metadata.name)),
    );
    expect({ target, matches: matches.length > 0 }).toEqual({ target, matches: true });
    const ops = parse(patch) as Operation[];
    objects = objects.map((o) =>
      matches.includes(o) ? applyPatch(structuredClone(o), ops, true).newDocument : o,
    );
  }
  for (const label of k.labels ?? []) for (const o of objects) addLabels(o, label);
  for (const image of k.images ?? []) {
    const used = objects
      .flatMap((o) => o.spec?.template?.spec?.containers ?? [])
      .filter((c) => c.image === image.name);
    expect({ image: image.name, used: used.length }).toEqual({ image: image.name, used: 1 });
    for (const c of used) c.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ''}`;
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
    expect(pod.volumes[0]).toEqual({ name: mount.name, configMap: { name: 'union-graph-supergraph' } });
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'UNION_GRAPH_SUPERGRAPH', value: `${mount.mountPath}/supergraph.graphql` },
      ]),
    );
    expect(find('ConfigMap', 'union-graph-supergraph')).toBeDefined();
  });

  it('mounts every registered app manifest under its own file name where the gateway loads them', () => {
    const pod = find('Deployment', 'gateway')!.spec.template.spec;
    const [container] = pod.containers;
    const dir = container.env.find(
      (e: { name: string }) => e.name === 'UNION_GRAPH_TRUSTED_DOCUMENTS',
    )!.value;
    const mount = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === dir)!;
    const volume = pod.volumes.find((v: { name: string }) => v.name === mount.name)!;
    expect(volume.configMap.name).toBe('union-graph-trusted-documents');
    expect(find('ConfigMap', 'union-graph-trusted-documents')).toBeDefined();
    // The generator's key of each registered file, and the volume mapping that key back to the file.
    const generator = parse(read(join(registryDir, 'kustomization.yaml'))) as Kustomization;
    const fileOfKey = Object.fromEntries(
      generator.configMapGenerator![0]!.files!.map((f) => {
        const [key, file = key] = f.split('=');
        return [key, file];
      }),
    );
    const items = volume.configMap.items as { key: string; path: string }[];
    expect(items.map((i) => i.path).sort()).toEqual(registered);
    for (const item of items)
      expect({ ...item, file: fileOfKey[item.key] }).toEqual({ ...item, file: item.path });
  });

  it('routes the gateway to every subgraph Service', () => {
    const urls = JSON.parse(find('ConfigMap', 'union-graph-config')!.data!.UNION_GRAPH_SUBGRAPH_URLS!);
    expect(urls).toEqual(
      Object.fromEntries(subgraphs.map((s) => [s.name, `http://${s.name}:${new URL(s.url).port}/graphql`])),
    );
  });
});

describe('one Kubernetes shape for every workload', () => {
  const base = join(deploy, 'k8s', 'base');
  const template = render(join(base, 'subgraph'));
  const rendered = Object.fromEntries(units.map((u) => [u.name, render(join(base, 'services', u.name))]));
  /** A workload's objects with its own name and port put back to the template's placeholders. */
  const asTemplate = (unit: Unit) =>
    JSON.parse(
      JSON.stringify(rendered[unit.name])
        .replaceAll(`"${unit.name}"`, '"subgraph"')
        .replaceAll(`union-graph/${unit.name}"`, 'union-graph/subgraph"')
        .replace(new RegExp(`\\b${unit.port}\\b`, 'g'), '4000'),
    ) as K8sObject[];

  it('patches the shared template once per subgraph and the gateway, all of them in the base', () => {
    expect(template.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Deployment/subgraph',
      'HorizontalPodAutoscaler/subgraph',
      'PodDisruptionBudget/subgraph',
      'Service/subgraph',
    ]);
    expect(readdirSync(join(base, 'services')).sort()).toEqual(units.map((u) => u.name).sort());
    const k = parse(read(join(base, 'kustomization.yaml'))) as Kustomization;
    expect(k.resources).toEqual(expect.arrayContaining(units.map((u) => `services/${u.name}`)));
    for (const unit of units)
      expect(parse(read(join(base, 'services', unit.name, 'kustomization.yaml'))).resources).toEqual([
        '../../subgraph',
      ]);
  });

  it.each(units)(
    'gives $name its own name, labels, image and port, and nothing of the placeholder',
    (unit) => {
      const objects = rendered[unit.name]!;
      expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
        template.map((o) => `${o.kind}/${unit.name}`).sort(),
      );
      expect(JSON.stringify(objects)).not.toMatch(/\bsubgraph\b/);
      const find = (kind: string) => objects.find((o) => o.kind === kind)!;
      const deployment = find('Deployment');
      const [container] = deployment.spec.template.spec.containers;
      expect(container.name).toBe(unit.name);
      expect(container.image).toBe(`union-graph/${unit.name}`);
      expect(container.ports).toEqual([{ name: 'http', containerPort: unit.port }]);
      expect(container.env[0]).toEqual({ name: 'PORT', value: String(unit.port) });
      const labels = { 'app.kubernetes.io/name': unit.name };
      expect(deployment.spec.selector.matchLabels).toEqual(labels);
      expect(deployment.spec.template.metadata.labels).toEqual(labels);
      expect(deployment.spec.template.spec.topologySpreadConstraints[0].labelSelector.matchLabels).toEqual(
        labels,
      );
      expect(find('Service').spec).toMatchObject({ selector: labels, ports: [{ port: unit.port }] });
      expect(find('PodDisruptionBudget').spec.selector.matchLabels).toEqual(labels);
      expect(find('HorizontalPodAutoscaler').spec.scaleTargetRef.name).toBe(unit.name);
      expect(validateWithKubernetesModels(objects)).toEqual([]);
    },
  );

  it('leaves every subgraph exactly the template but for its name and port', () => {
    const expected = template.map((o) => ({
      ...o,
      metadata: { ...o.metadata, labels: { 'app.kubernetes.io/name': 'subgraph' } },
    }));
    for (const unit of units.filter((u) => u.name !== 'gateway'))
      expect({ unit: unit.name, objects: asTemplate(unit) }).toEqual({ unit: unit.name, objects: expected });
  });

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  // Defined only where kubectl exists: the renderer above is what every machine checks.
  if (kubectl)
    it('renders the overlays as kustomize itself does (where kubectl is installed)', () => {
      const tmp = mkdtempSync(join(tmpdir(), 'union-graph-k8s-'));
      try {
        cpSync(join(deploy, 'k8s'), join(tmp, 'k8s'), { recursive: true });
        cpSync(registryDir, join(tmp, 'trusted-documents'), { recursive: true });
        copyFileSync(
          join(root, 'gateway', 'supergraph.graphql'),
          join(tmp, 'k8s', 'base', 'supergraph.graphql'),
        );
        for (const overlay of ['staging', 'production']) {
          const dir = join(tmp, 'k8s', 'overlays', overlay);
          if (!existsSync(join(dir, 'secrets.env')))
            copyFileSync(join(dir, 'secrets.env.example'), join(dir, 'secrets.env'));
          const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 << 20 });
          expect(r.stderr).toBe('');
          // Workloads only: generated objects carry data and hashed names this renderer leaves out.
          const workloads = (objects: K8sObject[]) =>
            Object.fromEntries(
              objects
                .filter((o) => !['Namespace', 'ConfigMap', 'Secret'].includes(o.kind))
                .map((o) => [
                  `${o.kind}/${o.metadata.name}`,
                  JSON.parse(
                    JSON.stringify(o).replace(
                      /"(union-graph-secrets|union-graph-trusted-documents)-[a-z0-9]+"/g,
                      '"$1"',
                    ),
                  ),
                ]),
            );
          const theirs = workloads(parseAllDocuments(r.stdout).map((d) => d.toJS() as K8sObject));
          expect(Object.keys(theirs).length).toBe(units.length * 4);
          expect(theirs).toEqual(workloads(render(join(deploy, 'k8s', 'overlays', overlay))));
        }
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    });
});
