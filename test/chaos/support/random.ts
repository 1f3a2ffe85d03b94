// The same seeded generator as the fake bank's, so a failing seed can be replayed exactly.
export { mulberry32 } from '../../../tools/fake-bank/fakeBank.js';
