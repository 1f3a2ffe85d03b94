// Duplicates and races, full run: 50 at once (see scenarios/races.ts).
import { racesSuite } from './scenarios/racesSuite.js';

racesSuite('races', 50);
