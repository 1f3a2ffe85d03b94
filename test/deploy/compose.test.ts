// The compose deployment, checked without a Docker daemon: Debian's docker-compose (1.29) loads
// and validates the file as `docker compose up` would (`config`), and the result is checked for
// what must hold: every service, the order they start in, secrets only from the environment, and
// Prometheus scraping the ports the image serves its metrics on.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const composeFile = `${root}deploy/compose.yaml`;
const secrets = {
  POSTGRES_PASSWORD: 'pg-password-from-the-environment',
  JWT_SECRET: 'jwt-secret-from-the-environment-0123456789',
  AUDIT_ANCHOR_KEY: 'anchor-key-from-the-environment-0123456789',
  SEARCH_HASH_KEY: 'search-key-from-the-environment-0123456789',
};

function compose(env: Record<string, string>) {
  const run = spawnSync('docker-compose', ['-f', composeFile, '--profile', 'observability', 'config'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  if (run.error)
    throw new Error(`docker-compose is missing (apt-get install docker-compose; .ci/run does): ${run.error.message}`);
  return run;
}

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  profiles?: string[];
}

describe('deploy/compose.yaml', () => {
  const run = compose(secrets);
  const config: { services: Record<string, Service> } = run.status === 0 ? parseYaml(run.stdout) : { services: {} };
  const services = config.services;

  it('is a valid compose file with PostgreSQL, Temporal, its UI, two APIs and two workers', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(Object.keys(services).sort()).toEqual(
      [
        'api-1',
        'api-2',
        'grafana',
        'migrate',
        'postgres',
        'prometheus',
        'temporal',
        'temporal-namespace',
        'temporal-schema',
        'temporal-ui',
        'worker-1',
        'worker-2',
      ].sort(),
    );
    for (const [name, service] of Object.entries(services))
      expect(service.image, `${name} pins a version`).toMatch(/^[\w./-]+:v?\d+\.\d+[\w.-]*$/);
  });

  it('runs the product image built from deploy/Dockerfile: migrations, then the APIs and workers', () => {
    expect(services.migrate!.build).toEqual({ context: root.replace(/\/$/, ''), dockerfile: 'deploy/Dockerfile' });
    const commands = Object.fromEntries(
      ['migrate', 'api-1', 'api-2', 'worker-1', 'worker-2'].map((n) => [n, services[n]!.command]),
    );
    expect(commands).toEqual({
      migrate: ['migrate'],
      'api-1': ['api'],
      'api-2': ['api'],
      'worker-1': ['worker'],
      'worker-2': ['worker'],
    });
    for (const name of ['api-1', 'api-2', 'worker-1', 'worker-2']) {
      expect(services[name]!.image).toBe(services.migrate!.image);
      expect(services[name]!.depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        'temporal-namespace': { condition: 'service_completed_successfully' },
      });
      expect(services[name]!.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233', NODE_ENV: 'production' });
    }
    expect(services.migrate!.environment).toMatchObject({ SEARCH_HASH_KEY: secrets.SEARCH_HASH_KEY });
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(services.temporal!.depends_on).toEqual({
      'temporal-schema': { condition: 'service_completed_successfully' },
    });
    expect(services['temporal-namespace']!.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    expect(services['temporal-ui']!.environment).toEqual({ TEMPORAL_ADDRESS: 'temporal:7233' });
  });

  it('takes every secret from the environment and refuses to start without it', () => {
    for (const name of ['api-1', 'worker-2']) {
      expect(services[name]!.environment).toMatchObject({
        JWT_SECRET: secrets.JWT_SECRET,
        AUDIT_ANCHOR_KEY: secrets.AUDIT_ANCHOR_KEY,
        SEARCH_HASH_KEY: secrets.SEARCH_HASH_KEY,
        DATABASE_URL: `postgres://postgres:${secrets.POSTGRES_PASSWORD}@postgres:5432/resettlement`,
      });
    }
    const text = readFileSync(composeFile, 'utf8');
    expect(text).toContain('${JWT_SECRET:?');
    const { JWT_SECRET: _omitted, ...withoutJwt } = secrets;
    const refused = compose(withoutJwt);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('JWT_SECRET');
  });

  it('mounts files that exist, and Prometheus scrapes the ports the image serves metrics on', () => {
    const mounts = Object.values(services).flatMap((s) => s.volumes ?? []);
    const binds = mounts.map((m) => m.split(':')[0]!).filter((source) => source.startsWith('/'));
    expect(binds.length).toBeGreaterThan(3);
    for (const source of binds) expect(existsSync(source), source).toBe(true);

    const env = (name: string) =>
      new RegExp(`\\b${name}=(\\d+)`).exec(readFileSync(`${root}deploy/Dockerfile`, 'utf8'))?.[1];
    const prometheus = parseYaml(readFileSync(`${root}deploy/prometheus/prometheus.yml`, 'utf8'));
    const targets = Object.fromEntries(
      prometheus.scrape_configs.map((c: { job_name: string; static_configs: Array<{ targets: string[] }> }) => [
        c.job_name,
        c.static_configs.flatMap((s) => s.targets),
      ]),
    );
    expect(targets['resettlement-api']).toEqual([`api-1:${env('METRICS_PORT')}`, `api-2:${env('METRICS_PORT')}`]);
    expect(targets['resettlement-worker']).toEqual([
      `worker-1:${env('METRICS_PORT')}`,
      `worker-2:${env('METRICS_PORT')}`,
    ]);
    expect(targets['resettlement-worker-sdk']).toEqual([
      `worker-1:${env('TEMPORAL_METRICS_PORT')}`,
      `worker-2:${env('TEMPORAL_METRICS_PORT')}`,
    ]);
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(mounts).toContain(`${root}deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro`);
  });
});
