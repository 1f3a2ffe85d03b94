// The image's Dockerfile, checked as text (no Docker daemon here): the hadolint rules that
// matter pass, each rule catches what it is for, and the entry point runs what the build makes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDockerfile, parseDockerfile, stagesOf } from '../../tools/deploy/dockerfileRules.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dockerfile = readFileSync(`${root}deploy/Dockerfile`, 'utf8');
const entrypoint = readFileSync(`${root}deploy/entrypoint.sh`, 'utf8');
const rulesOf = (text: string) => checkDockerfile(text).map((f) => f.rule);

/** A Dockerfile that passes every rule, to break one rule at a time. */
const GOOD = `ARG BASE=node:20.20.2-bookworm-slim
FROM \${BASE} AS build
WORKDIR /app
RUN npm ci
FROM \${BASE} AS runtime
ENV NODE_ENV=production
COPY --from=build /app/dist ./dist
USER 1000:1000
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/bin/api.js"]
`;

describe('deploy/Dockerfile', () => {
  it('passes every rule, its COPY sources existing in the repository', () => {
    expect(checkDockerfile(dockerfile, root)).toEqual([]);
  });

  it('builds in stages and runs the bundle as a non-root user, api by default', () => {
    const stages = stagesOf(parseDockerfile(dockerfile));
    expect(stages.map((s) => s.name)).toEqual(['build', 'dependencies', 'runtime']);
    expect(new Set(stages.map((s) => s.image))).toEqual(new Set(['node:20.20.2-bookworm-slim']));
    const runtime = stages.at(-1)!.instructions;
    const args = (keyword: string) => runtime.filter((i) => i.keyword === keyword).map((i) => i.args);
    expect(args('USER')).toEqual(['1000:1000']);
    expect(args('COPY')).toContain('--from=build /app/dist ./dist');
    expect(args('CMD')).toEqual(['["api"]']);
    expect(args('ENTRYPOINT')).toEqual(['["/usr/local/bin/resettlement"]']);
    expect(args('RUN').join(' ')).not.toMatch(/npm (ci|install)/);
    expect(stages[0]!.instructions.map((i) => i.args)).toContain('npm run build');
    // Every folder the build compiles is copied into the build stage.
    const copied = stages[0]!.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args.split(/\s+/)[0]);
    const compiled: string[] = JSON.parse(readFileSync(`${root}tsconfig.build.json`, 'utf8')).include;
    expect(compiled.filter((dir) => !copied.includes(dir))).toEqual([]);
  });

  it('starts api, worker and migrate as the npm scripts do, from files the build writes', () => {
    execFileSync('sh', ['-n', `${root}deploy/entrypoint.sh`]);
    const scripts = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).scripts as Record<string, string>;
    const command = (name: string) => new RegExp(`^  ${name}\\) exec (.*) "\\$@" ;;$`, 'm').exec(entrypoint)?.[1];
    // The npm scripts exec too, so that a signal to `npm run start:api` reaches node.
    expect(`exec ${command('api')}`).toBe(scripts['start:api']);
    expect(`exec ${command('worker')}`).toBe(scripts['start:worker']);
    expect(command('migrate')).toBe('node dist/bin/migrate.js');
    // dist/bin/X.js is bin/X.ts compiled (tsconfig.build.json includes bin/).
    for (const file of ['api', 'worker', 'migrate', 'tracing']) expect(existsSync(`${root}bin/${file}.ts`)).toBe(true);
    expect(JSON.parse(readFileSync(`${root}tsconfig.build.json`, 'utf8')).include).toContain('bin');
  });

  it('leaves local state and dependencies out of the build context', () => {
    const ignored = readFileSync(`${root}deploy/Dockerfile.dockerignore`, 'utf8').split('\n');
    for (const entry of ['**/node_modules', 'dist', '.data', '.git']) expect(ignored).toContain(entry);
  });

  it('each rule catches what it is for', () => {
    expect(rulesOf(GOOD)).toEqual([]);
    const cases: Array<[string, string]> = [
      ['DL3006', GOOD.replace('node:20.20.2-bookworm-slim', 'node')],
      ['DL3007', GOOD.replace('node:20.20.2-bookworm-slim', 'node:latest')],
      ['RS001', GOOD.replace('node:20.20.2-bookworm-slim', 'node:20-slim')],
      ['DL3002', GOOD.replace('USER 1000:1000', 'USER root')],
      ['DL3002', GOOD.replace('USER 1000:1000\n', '')],
      ['RS002', GOOD.replace('npm ci', 'npm install')],
      ['DL3020', GOOD.replace('WORKDIR /app', 'WORKDIR /app\nADD . .')],
      ['DL3025', GOOD.replace('CMD ["node", "dist/bin/api.js"]', 'CMD node dist/bin/api.js')],
      ['DL3022', GOOD.replace('--from=build', '--from=compile')],
      ['RS005', GOOD.replace('ENV NODE_ENV=production', 'ENV NODE_ENV=production JWT_SECRET=abc')],
      ['RS007', GOOD.replace(/HEALTHCHECK.*\n/, '')],
      ['RS008', GOOD.replace('ENV NODE_ENV=production', 'ENV NODE_ENV=development')],
      ['DL4006', GOOD.replace('RUN npm ci', 'RUN npm ci | tee log')],
      [
        'RS006',
        GOOD.slice(GOOD.indexOf('FROM ${BASE} AS runtime')).replace('COPY --from=build /app/dist ./dist\n', ''),
      ],
      ['DL3000', GOOD.replace('WORKDIR /app', 'WORKDIR app')],
    ];
    for (const [rule, text] of cases) expect(rulesOf(text), rule).toContain(rule);
  });
});
