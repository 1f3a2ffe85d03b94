// `npm run token -- --role department --org public_security --division 150100 [--sub id] [--lifetime 8h]`
// Prints a bearer token signed with the local JWT secret (JWT_SECRET, or the one under ./.data),
// for scripts and services. It lives --lifetime (default 8 h, or the cap if lower), never longer
// than the API accepts (JWT_MAX_LIFETIME_SECONDS, default 12 h): a longer one is refused here
// rather than at its first request.
import { parseArgs } from 'node:util';
import { createSigner } from 'fast-jwt';
import { ROLES } from '../domain/access.js';
import { DEPARTMENT_CODES, isDepartmentCode } from '../domain/vocabulary.js';
import { jwtSecret, readConfig } from './runtime/config.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    org: { type: 'string' },
    division: { type: 'string' },
    sub: { type: 'string' },
    lifetime: { type: 'string' },
  },
});
const config = readConfig();
const cap = config.accounts.jwtMaxLifetimeSeconds;
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

const { role, org, division } = values;
if (!role || !(ROLES as readonly string[]).includes(role) || !org || !division || !/^15\d{4}$/.test(division))
  fail(
    `usage: npm run token -- --role <${ROLES.join('|')}> --org <institution id or department code> --division <15xxxx> [--sub id] [--lifetime 8h]`,
  );
if (role === 'department' && !isDepartmentCode(org!))
  fail(`--org of a department must be one of ${DEPARTMENT_CODES.join(', ')}`);

const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const match = /^(\d+)([smhd])$/.exec(values.lifetime ?? '');
if (values.lifetime !== undefined && !match) fail('--lifetime must look like 30m, 8h or 7d');
const seconds = match ? Number(match[1]) * units[match[2]!]! : Math.min(8 * 3600, cap);
if (seconds > cap)
  fail(
    `--lifetime ${values.lifetime} is longer than the ${cap} s the API accepts; ` +
      'an operator can raise JWT_MAX_LIFETIME_SECONDS (for the API and here alike)',
  );

const sign = createSigner({ key: jwtSecret(config), algorithm: 'HS256', expiresIn: seconds * 1000 });
console.log(sign({ sub: values.sub ?? `${role}-${org}-${division}`, role, org, division }));
