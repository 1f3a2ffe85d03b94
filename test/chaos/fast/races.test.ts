// Duplicates and races in `npm test`: the same 50-way races as the full chaos suite.
import { racesSuite } from '../scenarios/racesSuite.js';

racesSuite('races-fast', 50);
