// What the console's first page costs to load, from the build's own record of its chunks
// (console/dist/.vite/manifest.json, written because vite.config.mts sets `build.manifest`).
//
// "Initial JavaScript" is the script index.html references plus every chunk it imports
// statically, directly or through another chunk: what Vite lists as <link rel="modulepreload">
// and the browser fetches before the sign-in page can show. Chunks reached only through
// `import()` (every page's route, English, charts, Excel) are not initial. Sizes are the files'
// bytes and their gzip -9 size in KB of 1,024 bytes, the budget of issue 13 being on the gzipped
// figure (the API serves the files as they are; a proxy in front of it compresses).
//
//   npm run console:size            # builds nothing: reads console/dist (npm run console:build first)
//   npm run console:size -- --json  # the same as JSON
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CONSOLE_DIST } from './build.js';

/** Issue 13's budget for the initial JavaScript, gzipped. */
export const INITIAL_JS_BUDGET_BYTES = 350 * 1024;

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface ChunkSize {
  file: string;
  /** The module the chunk was made for (a page's component, a vendor group's name). */
  name: string;
  bytes: number;
  gzipBytes: number;
  initial: boolean;
}

export interface RouteCost {
  /** The dynamically imported module (a page's component), relative to console/. */
  src: string;
  /** What it adds to the initial load when first opened: its chunk and the static imports not already loaded. */
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  initial: { files: string[]; bytes: number; gzipBytes: number; cssBytes: number; cssGzipBytes: number };
  budgetGzipBytes: number;
  chunks: ChunkSize[];
  routes: RouteCost[];
}

function readManifest(dist: string): Manifest {
  const path = join(dist, '.vite', 'manifest.json');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (err) {
    throw new Error(`cannot read ${path}: run \`npm run console:build\` first`, { cause: err });
  }
}

/** The manifest keys `from` pulls in through static imports, itself included. */
function staticClosure(manifest: Manifest, from: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    stack.push(...(manifest[key]?.imports ?? []));
  }
  return seen;
}

export function bundleReport(dist: string = CONSOLE_DIST): BundleReport {
  const manifest = readManifest(dist);
  const sizes = new Map<string, { bytes: number; gzipBytes: number }>();
  const sizeOf = (file: string) => {
    let size = sizes.get(file);
    if (!size) {
      const content = readFileSync(join(dist, file));
      size = { bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
      sizes.set(file, size);
    }
    return size;
  };
  const sum = (files: Iterable<string>) => {
    let bytes = 0;
    let gzipBytes = 0;
    for (const file of files) {
      const size = sizeOf(file);
      bytes += size.bytes;
      gzipBytes += size.gzipBytes;
    }
    return { bytes, gzipBytes };
  };

  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  if (entries.length === 0) throw new Error('the manifest names no entry: is this a Vite build of the console?');
  const initialKeys = staticClosure(manifest, entries);
  const initialFiles = [...initialKeys].map((key) => manifest[key]!.file);
  const initialCss = [...new Set([...initialKeys].flatMap((key) => manifest[key]!.css ?? []))];
  const js = sum(initialFiles);
  const css = sum(initialCss);

  const chunks: ChunkSize[] = Object.entries(manifest)
    .filter(([, chunk]) => chunk.file.endsWith('.js'))
    .map(([key, chunk]) => ({
      file: chunk.file,
      name: chunk.name ?? chunk.src ?? key,
      ...sizeOf(chunk.file),
      initial: initialKeys.has(key),
    }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);

  const routes: RouteCost[] = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry && chunk.src?.startsWith('src/'))
    .map(([key, chunk]) => {
      const extra = [...staticClosure(manifest, [key])].filter((k) => !initialKeys.has(k));
      return { src: chunk.src!, ...sum(extra.map((k) => manifest[k]!.file)) };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);

  return {
    initial: { files: initialFiles, ...js, cssBytes: css.bytes, cssGzipBytes: css.gzipBytes },
    budgetGzipBytes: INITIAL_JS_BUDGET_BYTES,
    chunks,
    routes,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function formatBundleReport(report: BundleReport): string {
  const lines: string[] = [];
  const width = Math.max(...report.chunks.map((c) => c.file.length), ...report.routes.map((r) => r.src.length));
  const row = (a: string, b: string, c: string, d: string) =>
    lines.push(`${a.padEnd(width)} ${b.padStart(10)} ${c.padStart(10)}  ${d}`.trimEnd());
  row('chunk', 'raw', 'gzip -9', '');
  for (const chunk of report.chunks) {
    row(chunk.file, kb(chunk.bytes), kb(chunk.gzipBytes), chunk.initial ? 'initial' : '');
  }
  lines.push('');
  lines.push('what opening each page adds to the initial load (its chunks not already loaded):');
  for (const route of report.routes) row(route.src, kb(route.bytes), kb(route.gzipBytes), '');
  lines.push('');
  const { initial } = report;
  const within = initial.gzipBytes <= report.budgetGzipBytes;
  lines.push(
    `initial JavaScript: ${initial.files.length} files, ${kb(initial.bytes)}, ${kb(initial.gzipBytes)} gzipped ` +
      `(${within ? 'within' : 'OVER'} the ${kb(report.budgetGzipBytes)} budget); CSS ${kb(initial.cssBytes)}, ${kb(initial.cssGzipBytes)} gzipped`,
  );
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = bundleReport();
  process.stdout.write(
    process.argv.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : `${formatBundleReport(report)}\n`,
  );
}
