// `npm run token -- --role department --org public_security --division 150100 [--sub id] [--expires 8h]`
// Prints a bearer token signed with the local JWT secret (JWT_SECRET, or the one under ./.data).
import { parseArgs } from 'node:util';
import { createSigner } from 'fast-jwt';
import { ROLES } from '../domain/access.js';
import { jwtSecret, readConfig } from './runtime/config.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    org: { type: 'string' },
    division: { type: 'string' },
    sub: { type: 'string' },
    expires: { type: 'string', default: '8h' },
  },
});
const { role, org, division } = values;
if (!role || !(ROLES as readonly string[]).includes(role) || !org || !division || !/^15\d{4}$/.test(division)) {
  console.error(
    `usage: npm run token -- --role <${ROLES.join('|')}> --org <institution id or department code> --division <15xxxx> [--sub id] [--expires 8h]`,
  );
  process.exit(2);
}
const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const match = /^(\d+)([smhd])$/.exec(values.expires);
if (!match) {
  console.error('--expires must look like 30m, 8h or 7d');
  process.exit(2);
}
const sign = createSigner({
  key: jwtSecret(readConfig()),
  algorithm: 'HS256',
  expiresIn: Number(match[1]) * units[match[2]!]! * 1000,
});
console.log(sign({ sub: values.sub ?? `${role}-${org}-${division}`, role, org, division }));
