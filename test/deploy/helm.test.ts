// The Helm chart, checked without a cluster or a network: `helm lint` and `helm template` with
// the Helm this project builds (tools/deploy/helm.ts), and the rendered manifests checked for
// what an operator relies on: non-root and read-only containers, probes on /healthz and /readyz,
// resource limits, secrets only by reference, migrations before the rollout.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { type Helm, provisionHelm } from '../../tools/deploy/helm.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const chart = `${root}deploy/helm/orphan-resettlement`;
const SECRET = 'resettlement-secrets';
let helm: Helm;

beforeAll(() => {
  helm = provisionHelm((line) => console.log(line));
}, 600_000);

function run(...args: string[]) {
  return spawnSync(helm.path, args, { encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: '/nonexistent' } });
}

interface Manifest {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  // The rendered manifests are read field by field, as the tests read JSON answers.
  spec: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

function render(...sets: string[]): Manifest[] {
  const out = run('template', 'rel', chart, '--kube-version', '1.30.0', ...sets.flatMap((s) => ['--set', s]));
  if (out.status !== 0) throw new Error(out.stderr);
  return parseAllDocuments(out.stdout)
    .map((d) => d.toJSON() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

const containerOf = (m: Manifest) => m.spec.template.spec.containers[0];

describe('deploy/helm/orphan-resettlement', () => {
  it('lints clean', () => {
    const lint = run(
      'lint',
      chart,
      '--strict',
      '--kube-version',
      '1.30.0',
      '--set',
      `secrets.existingSecret=${SECRET}`,
    );
    expect(lint.stdout + lint.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(lint.status).toBe(0);
  });

  it('refuses to render without the Secret it takes the secrets from', () => {
    const out = run('template', 'rel', chart, '--kube-version', '1.30.0');
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain('secrets.existingSecret');
  });

  it('runs two APIs and two workers, non-root, read-only, limited, probed where it means something', () => {
    const manifests = render(`secrets.existingSecret=${SECRET}`);
    const deployments = manifests.filter((m) => m.kind === 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
      'rel-orphan-resettlement-api',
      'rel-orphan-resettlement-worker',
    ]);
    const config = manifests.find((m) => m.kind === 'ConfigMap')!.data!;
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      const container = containerOf(d);
      expect(d.spec.replicas, d.metadata.name).toBe(2);
      // The image's USER 1000:1000, by number, so the kubelet can verify it is not root.
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000 });
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.stringMatching(/Mi$/) });
      expect(container.image).toBe('orphan-resettlement:0.1.0');
      const ports = Object.fromEntries(
        container.ports.map((p: { name: string; containerPort: number }) => [p.name, p.containerPort]),
      );
      expect(ports.metrics).toBe(Number(config.METRICS_PORT));
    }
    const api = containerOf(deployments.find((d) => d.metadata.name.endsWith('-api'))!);
    expect(api.args).toEqual(['api']);
    expect(api.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(api.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(api.ports.find((p: { name: string }) => p.name === 'http').containerPort).toBe(Number(config.PORT));
    const worker = containerOf(deployments.find((d) => d.metadata.name.endsWith('-worker'))!);
    expect(worker.args).toEqual(['worker']);
    expect(worker.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
    expect(worker.readinessProbe).toBeUndefined();
    expect(worker.ports.find((p: { name: string }) => p.name === 'sdk-metrics').containerPort).toBe(
      Number(config.TEMPORAL_METRICS_PORT),
    );
    expect(config).toMatchObject({
      HOST: '0.0.0.0',
      NODE_ENV: 'production',
      TEMPORAL_ADDRESS: 'temporal-frontend:7233',
    });
  });

  it('takes secrets from the Secret by reference and holds none in values or the ConfigMap', () => {
    const manifests = render(`secrets.existingSecret=${SECRET}`, 'temporal.apiKey=true');
    for (const m of manifests.filter((x) => x.kind === 'Deployment')) {
      const env: EnvVar[] = containerOf(m).env;
      const fromSecret = env.filter((e) => e.valueFrom?.secretKeyRef?.name === SECRET).map((e) => e.name);
      // The API alone reads the first administrator's password and the OIDC client secret, optional in the Secret.
      // The worker alone reads the e-mail digest's SMTP_URL (it carries the mail server's password).
      const apiOnly = m.metadata.name.endsWith('-api')
        ? ['INITIAL_ADMIN_PASSWORD', 'OIDC_CLIENT_SECRET']
        : m.metadata.name.endsWith('-worker')
          ? ['SMTP_URL']
          : [];
      expect(fromSecret.sort()).toEqual(
        ['AUDIT_ANCHOR_KEY', 'DATABASE_URL', 'JWT_SECRET', 'SEARCH_HASH_KEY', 'TEMPORAL_API_KEY', ...apiOnly].sort(),
      );
      expect(env.filter((e) => e.value !== undefined)).toEqual([]);
    }
    const config = manifests.find((m) => m.kind === 'ConfigMap')!.data!;
    expect(Object.keys(config).filter((k) => /SECRET|PASSWORD|TOKEN|_KEY$/.test(k))).toEqual([]);
    expect(Object.values(config).filter((v) => /:\/\/[^/]*@/.test(v))).toEqual([]);
    // values.yaml: a key that names a secret holds no value, only a reference or a switch.
    const secretish: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        const leaf = value === null || typeof value !== 'object';
        if (leaf && /secret|password|token|key$/i.test(key)) secretish.push(`${path}${key}=${JSON.stringify(value)}`);
        walk(value, `${path}${key}.`);
      }
    };
    walk(parseYaml(readFileSync(`${chart}/values.yaml`, 'utf8')), '');
    expect(secretish).toEqual([
      'secrets.existingSecret=""',
      'temporal.apiKey=false',
      'migrations.databaseUrlKey="DATABASE_URL"',
    ]);
  });

  it('migrates before every install and upgrade, and keeps the audit anchors across releases', () => {
    const manifests = render(`secrets.existingSecret=${SECRET}`, 'metrics.serviceMonitor.enabled=true');
    const job = manifests.find((m) => m.kind === 'Job')!;
    expect(job.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade' });
    expect(containerOf(job).args).toEqual(['migrate']);
    expect(containerOf(job).env).toContainEqual({
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: SECRET, key: 'DATABASE_URL' } },
    });
    const claim = manifests.find((m) => m.kind === 'PersistentVolumeClaim')!;
    expect(claim.metadata.annotations).toEqual({ 'helm.sh/resource-policy': 'keep' });
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
    const monitors = manifests.filter((m) => m.kind === 'ServiceMonitor');
    expect(monitors.map((m) => m.spec.endpoints.map((e: { port: string }) => e.port))).toEqual([
      ['metrics'],
      ['metrics', 'sdk-metrics'],
    ]);
  });

  it("points at Temporal's own chart with values for PostgreSQL and no password in them", () => {
    const text = readFileSync(`${root}deploy/helm/temporal-values.yaml`, 'utf8');
    expect(text).toContain('helm install temporal temporal/temporal --version 0.72.0');
    const values = parseYaml(text);
    for (const store of ['default', 'visibility']) {
      expect(values.server.config.persistence[store].sql).toMatchObject({
        driver: 'postgres12',
        existingSecret: 'temporal-postgres',
      });
      expect(values.server.config.persistence[store].sql).not.toHaveProperty('password');
    }
    for (const sub of ['cassandra', 'mysql', 'postgresql', 'elasticsearch', 'prometheus', 'grafana'])
      expect(values[sub], sub).toEqual({ enabled: false });
    expect(
      parseYaml(readFileSync(`${chart}/Chart.yaml`, 'utf8')).annotations['orphan-resettlement/temporal-chart'],
    ).toContain('temporal/temporal 0.72.0');
  });
});
