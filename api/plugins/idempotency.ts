// Idempotency-Key on every POST and PATCH of the scope it is registered in: the first answer to a
// key is kept per caller and replayed for the same request; the key with another request, or while
// the first is still running, is a 409. Successes and validation refusals are kept; any other
// answer (a 5xx, a refusal that depends on the case's current state) releases the key for a retry.
import { createHash } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { canonicalJson } from '../../db/repositories/audit.js';
import { claimKey, findClaim, keepAnswer, releaseClaim } from '../../db/repositories/idempotencyKeys.js';
import { conflict, validationFailed } from '../errors.js';

const HEADER = 'idempotency-key';
const METHODS = new Set(['POST', 'PATCH']);
/** A claim this old without an answer belongs to a process that died mid-request. */
// Longer than any request may take (case actions wait at most 30 s for the engine).
const ABANDONED_AFTER = '2 minutes';
/** Keys are remembered this long (as payment APIs do), then may name a new request. */
const REMEMBERED_FOR = '24 hours';

const IdempotencyHeader = Type.String({
  minLength: 1,
  maxLength: 200,
  description: `optional: the same key with the same request replays the first answer (with header idempotent-replayed: true) for ${REMEMBERED_FOR}; with another request, 409`,
});

interface Claim {
  principal: string;
  key: string;
  /** SHA-256 of the body: of its canonical JSON, or of the raw bytes of a streamed body once read. */
  bodyHash: string | null;
  replayed: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim: Claim | null;
  }
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const isStream = (body: unknown): body is Readable => typeof (body as Readable | null)?.pipe === 'function';

/** Passes a streamed body through unchanged, hashing its raw bytes on the way. */
function hashWhileReading(request: FastifyRequest, claim: Claim): void {
  const source = request.body as Readable;
  const hasher = createHash('sha256');
  const tee = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hasher.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      claim.bodyHash = hasher.digest('hex');
      done();
    },
  });
  source.on('error', (err) => tee.destroy(err));
  request.body = source.pipe(tee);
}

async function hashOfStream(body: Readable): Promise<string> {
  const hasher = createHash('sha256');
  for await (const chunk of body) hasher.update(chunk as Buffer);
  return hasher.digest('hex');
}

function documentHeader(route: RouteOptions): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!methods.some((m) => METHODS.has(m))) return;
  const schema = (route.schema ?? {}) as { headers?: { properties?: Record<string, unknown> } };
  const headers = schema.headers ?? Type.Object({});
  route.schema = {
    ...schema,
    headers: { ...headers, properties: { ...headers.properties, [HEADER]: IdempotencyHeader } },
  };
}

export const idempotencyPlugin = fp(
  async (app: FastifyInstance) => {
    const db = app.db;
    app.decorateRequest('idempotencyClaim', null);
    app.addHook('onRoute', documentHeader);

    app.addHook('preHandler', async (request, reply) => {
      const key = request.headers[HEADER];
      if (key === undefined || !METHODS.has(request.method)) return;
      if (typeof key !== 'string' || key.length < 1 || key.length > 200)
        throw validationFailed('Idempotency-Key: send it once, 1 to 200 characters');
      const method = request.method;
      const path = request.url.split('?')[0] ?? request.url;
      const streamed = isStream(request.body);
      const claim: Claim = {
        principal: request.principal.sub,
        key,
        bodyHash: streamed ? null : sha256(canonicalJson(request.body ?? null)),
        replayed: false,
      };
      const won = await claimKey(
        db,
        { principal: claim.principal, key, method, path, bodyHash: claim.bodyHash ?? '' },
        { abandonedAfter: ABANDONED_AFTER, rememberedFor: REMEMBERED_FOR },
      );
      if (won) {
        request.idempotencyClaim = claim;
        if (streamed) hashWhileReading(request, claim);
        return;
      }

      const first = await findClaim(db, claim.principal, key);
      if (!first || first.status_code === null)
        throw conflict('a request with this Idempotency-Key is in progress; retry once it has answered');
      if (first.method !== method || first.path !== path) {
        throw conflict(
          `this Idempotency-Key was first used for ${first.method} ${first.path}; use a new key for another request`,
        );
      }
      const bodyHash = streamed ? await hashOfStream(request.body as Readable) : claim.bodyHash;
      if (bodyHash !== first.body_hash)
        throw conflict('this Idempotency-Key was first used with a different body; use a new key for another request');
      request.idempotencyClaim = { ...claim, replayed: true };
      return reply.status(first.status_code).header('idempotent-replayed', 'true').send(first.response);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const claim = request.idempotencyClaim;
      if (!claim || claim.replayed) return payload;
      const status = reply.statusCode;
      const json = String(reply.getHeader('content-type') ?? '').startsWith('application/json');
      const kept =
        ((status >= 200 && status < 300) || status === 400) &&
        typeof payload === 'string' &&
        json &&
        claim.bodyHash !== null;
      const settle = async () => {
        if (kept) {
          await keepAnswer(db, claim.principal, claim.key, {
            bodyHash: claim.bodyHash ?? '',
            statusCode: status,
            response: payload,
          });
        } else {
          // A streamed body not read to its end has no hash to compare a retry with: released too.
          await releaseClaim(db, claim.principal, claim.key);
        }
      };
      try {
        await settle();
      } catch (err) {
        // The answer still goes out. Keep trying in the background (the database may be coming
        // back from a restart); failing that, the claim is taken over as abandoned.
        request.log.error({ err }, 'could not record the answer to an idempotency key; retrying');
        retryInBackground(settle, request.log);
      }
      return payload;
    });
  },
  { name: 'idempotency', dependencies: ['services'] },
);

/** Retries a write a few times, a second, then 2, 4, 8 and 16 seconds apart, off the request's path. */
function retryInBackground(
  write: () => Promise<void>,
  log: { error(obj: unknown, msg: string): void },
  attempt = 0,
): void {
  if (attempt >= 5) return;
  setTimeout(
    () => {
      write().catch((err: unknown) => {
        if (attempt === 4) log.error({ err }, 'gave up recording the answer to an idempotency key');
        retryInBackground(write, log, attempt + 1);
      });
    },
    1000 * 2 ** attempt,
  ).unref();
}
