// Checks answers against the response schemas of the OpenAPI document the API serves: the status
// must be documented for the operation, its media type too, and a JSON body must validate (ajv,
// JSON Schema 2020-12 as OpenAPI 3.1 has it). Records which operations answered which statuses.
import type { LightMyRequestResponse } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

/** The path template of the document that a concrete path matches, literal segments first. */
function templateOf(doc: OpenApiDocument, method: string, path: string): string | undefined {
  const segments = path.split('/');
  const candidates = Object.keys(doc.paths).filter((t) => {
    const parts = t.split('/');
    return (
      doc.paths[t]![method] !== undefined &&
      parts.length === segments.length &&
      parts.every((p, i) => (p.startsWith('{') ? segments[i] !== '' : p === segments[i]))
    );
  });
  const params = (t: string) => t.split('/').filter((p) => p.startsWith('{')).length;
  return candidates.sort((a, b) => params(a) - params(b))[0];
}

export function responseConformance(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc, 'openapi');
  const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  const violations: string[] = [];
  /** `METHOD /template` → statuses answered. */
  const seen = new Map<string, Set<number>>();

  return {
    violations,
    seen,
    check(method: string, url: string, res: LightMyRequestResponse): void {
      const m = method.toLowerCase();
      const path = new URL(url, 'http://x').pathname;
      const template = templateOf(doc, m, path);
      const where = `${method} ${path} ${res.statusCode}`;
      if (!template) {
        violations.push(`${where}: no operation in the document`);
        return;
      }
      const route = `${method.toUpperCase()} ${template}`;
      if (!seen.has(route)) seen.set(route, new Set());
      seen.get(route)!.add(res.statusCode);
      const op = doc.paths[template]![m]!;
      const status = String(res.statusCode);
      const key = [status, `${status[0]}XX`, `${status[0]}xx`, 'default'].find((k) => op.responses[k]);
      if (!key) {
        violations.push(`${where}: status not documented (${Object.keys(op.responses).join(', ')})`);
        return;
      }
      const content = op.responses[key]!.content;
      if (!content) {
        if (res.body.length > 0) violations.push(`${where}: a body where the document says none`);
        return;
      }
      const type = String(res.headers['content-type'] ?? '');
      const media = Object.keys(content).find((t) => type.startsWith(t.split(';')[0]!));
      if (!media) {
        violations.push(`${where}: content-type ${type} not among ${Object.keys(content).join(', ')}`);
        return;
      }
      if (!media.includes('json') || media.includes('ndjson')) return;
      const ref = `openapi#/${pointer('paths', template, m, 'responses', key, 'content', media, 'schema')}`;
      const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
      if (!validate(JSON.parse(res.body)))
        violations.push(
          `${where}: ${ajv.errorsText(validate.errors, { separator: '; ' })} in ${res.body.slice(0, 300)}`,
        );
    },
  };
}
