// The console is a browser bundle that talks to the engine only through the HTTP API: every import
// in console/ is a package or a file inside console/, never db/, workflows/, activities/, api/ or
// any other server code (ESLint's no-restricted-imports names the folders; this holds the border).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CONSOLE = fileURLToPath(new URL('../../console', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|tsx|mts)$/.test(name) ? [path] : [];
  });
}

/** The relative specifiers a file imports (static, dynamic, re-exports). */
function relativeImports(code: string): string[] {
  const found = [...code.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]*)['"]/g)];
  return found.map((m) => m[1]!);
}

describe('the console', () => {
  it('finds the imports it must check', () => {
    expect(
      relativeImports(`import a from '../../db/x.js';\nexport { b } from './b';\nconst c = import('../c');`),
    ).toEqual(['../../db/x.js', './b', '../c']);
  });

  it('imports nothing from outside console/', () => {
    const escapes = sources(CONSOLE).flatMap((file) =>
      relativeImports(readFileSync(file, 'utf8'))
        .filter((spec) => relative(CONSOLE, resolve(dirname(file), spec)).startsWith('..'))
        .map((spec) => `${relative(CONSOLE, file)} imports ${spec}`),
    );
    expect(escapes).toEqual([]);
  });
});
