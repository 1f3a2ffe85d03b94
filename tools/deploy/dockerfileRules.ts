// The hadolint rules that matter for this image, for a machine without Docker or hadolint (a
// Haskell program, not a Go module): no image is built or pulled here, so the Dockerfile is
// checked as text. Rule IDs are hadolint's where one exists (DLxxxx), else named RSxxx.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface Instruction {
  /** Upper-cased instruction keyword (FROM, RUN, ...). */
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  args: string;
  /** 1-based line where the instruction starts. */
  line: number;
}

export interface Stage {
  name: string | null;
  image: string;
  instructions: Instruction[];
}

export interface Finding {
  rule: string;
  line: number;
  message: string;
}

/** Instructions in order; comments and parser directives dropped, `\` continuations joined. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: { start: number; parts: string[] } | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (pending === null && (line.trim() === '' || line.trimStart().startsWith('#'))) return;
    if (pending !== null && line.trimStart().startsWith('#')) return;
    const continues = line.endsWith('\\');
    const part = continues ? line.slice(0, -1) : line;
    if (pending === null) pending = { start: i + 1, parts: [] };
    pending.parts.push(part.trim());
    if (continues) return;
    const joined = pending.parts.join(' ').trim();
    const m = /^(\S+)\s*(.*)$/s.exec(joined);
    if (m) out.push({ keyword: m[1]!.toUpperCase(), args: m[2]!.trim(), line: pending.start });
    pending = null;
  });
  return out;
}

/** ARG defaults declared before the first FROM, which FROM lines may use. */
function globalArgs(instructions: Instruction[]): Map<string, string> {
  const args = new Map<string, string>();
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') break;
    if (ins.keyword === 'ARG') {
      const [name, value] = ins.args.split('=', 2);
      if (name && value !== undefined) args.set(name.trim(), value.trim());
    }
  }
  return args;
}

export function stagesOf(instructions: Instruction[]): Stage[] {
  const args = globalArgs(instructions);
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const image = (words[0] ?? '').replace(/\$\{?(\w+)\}?/g, (_, n: string) => args.get(n) ?? `\${${n}}`);
      const as = words.findIndex((w) => w.toUpperCase() === 'AS');
      stages.push({ name: as >= 0 ? (words[as + 1] ?? null) : null, image, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(ins);
    }
  }
  return stages;
}

/** The JSON (exec) form of CMD, ENTRYPOINT and HEALTHCHECK CMD: no shell to mangle signals. */
function isExecForm(args: string): boolean {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string');
  } catch {
    return false;
  }
}

/** The source paths of a COPY without --from (flags and the destination left out). */
function copySources(args: string): string[] {
  const words = args.split(/\s+/).filter((w) => !w.startsWith('--'));
  return words.slice(0, -1);
}

/**
 * Checks the Dockerfile against the rules; `context` (the build context directory) lets COPY
 * sources be checked to exist.
 */
export function checkDockerfile(text: string, context?: string): Finding[] {
  const instructions = parseDockerfile(text);
  const stages = stagesOf(instructions);
  const findings: Finding[] = [];
  const add = (rule: string, line: number, message: string) => findings.push({ rule, line, message });
  const froms = instructions.filter((i) => i.keyword === 'FROM');
  const stageNames = new Set<string>();

  stages.forEach((stage, n) => {
    const from = froms[n]!;
    const earlier = new Set(stageNames);
    if (!earlier.has(stage.image)) {
      const [, tag] = /^[^@]+?(?::([^:/@]+))?(?:@sha256:[a-f0-9]{64})?$/.exec(stage.image) ?? [];
      const digest = stage.image.includes('@sha256:');
      if (stage.image.includes('${')) add('DL3006', from.line, `FROM ${stage.image}: an ARG without a default`);
      else if (!tag && !digest) add('DL3006', from.line, `FROM ${stage.image}: tag the image explicitly`);
      else if (tag === 'latest') add('DL3007', from.line, `FROM ${stage.image}: never the latest tag`);
      else if (!digest && !/^\d+\.\d+\.\d+/.test(tag ?? ''))
        add('RS001', from.line, `FROM ${stage.image}: pin a full version (x.y.z) or a digest`);
    }
    if (stage.name) {
      if (stageNames.has(stage.name)) add('DL3024', from.line, `stage name ${stage.name} is used twice`);
      stageNames.add(stage.name);
    }
    for (const ins of stage.instructions) {
      if (ins.keyword === 'ADD') add('DL3020', ins.line, 'use COPY for files and folders, not ADD');
      if (ins.keyword === 'WORKDIR' && !ins.args.startsWith('/'))
        add('DL3000', ins.line, `WORKDIR ${ins.args}: use an absolute path`);
      if ((ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') && !isExecForm(ins.args))
        add('DL3025', ins.line, `${ins.keyword}: use the JSON (exec) form so the process gets signals`);
      if (ins.keyword === 'RUN') {
        if (/\bnpm (install|i)\b(?!\s+-g)/.test(ins.args))
          add('RS002', ins.line, 'npm install: use npm ci, which installs exactly the lockfile');
        if (/\bcurl\b|\bwget\b/.test(ins.args)) add('RS003', ins.line, 'no downloads outside package managers');
        if (/\|/.test(ins.args.replace(/\|\|/g, '')) && !/pipefail/.test(text))
          add('DL4006', ins.line, 'a pipe in RUN needs SHELL ["/bin/bash", "-o", "pipefail", "-c"]');
        if (/\bsudo\b/.test(ins.args)) add('DL3004', ins.line, 'do not use sudo');
      }
      if (ins.keyword === 'COPY') {
        const from = /--from=(\S+)/.exec(ins.args)?.[1];
        if (from !== undefined && !earlier.has(from))
          add('DL3022', ins.line, `COPY --from=${from}: not an earlier stage of this file`);
        if (from === undefined && context)
          for (const src of copySources(ins.args))
            if (!existsSync(join(context, src))) add('RS004', ins.line, `COPY ${src}: not in the build context`);
      }
      if ((ins.keyword === 'ENV' || ins.keyword === 'ARG') && /(SECRET|PASSWORD|TOKEN|_KEY)\b\s*=/i.test(ins.args))
        add('RS005', ins.line, `${ins.keyword}: secrets come from the environment at run time, not the image`);
    }
  });

  const final = stages.at(-1);
  if (stages.length < 2) add('RS006', 1, 'build in a stage of its own (multi-stage), ship only the result');
  if (final) {
    const last = (k: string) => final.instructions.filter((i) => i.keyword === k).at(-1);
    const user = last('USER');
    if (!user) add('DL3002', froms.at(-1)!.line, 'the final stage must switch to a non-root USER');
    else if (/^(root|0)(:|$)/.test(user.args)) add('DL3002', user.line, 'the last USER must not be root');
    if (!last('HEALTHCHECK')) add('RS007', froms.at(-1)!.line, 'the final stage needs a HEALTHCHECK');
    else if (!isExecForm(last('HEALTHCHECK')!.args.replace(/^(--\S+\s+)*CMD\s+/, '')))
      add('DL3025', last('HEALTHCHECK')!.line, 'HEALTHCHECK CMD: use the JSON (exec) form');
    if (!final.instructions.some((i) => i.keyword === 'ENV' && /\bNODE_ENV=production\b/.test(i.args)))
      add('RS008', froms.at(-1)!.line, 'the final stage must set NODE_ENV=production');
    if (!last('ENTRYPOINT') && !last('CMD')) add('RS009', froms.at(-1)!.line, 'the final stage needs a command');
  }
  return findings;
}
