import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, passwordProblems } from '../../domain/passwordPolicy.js';

describe('passwordProblems', () => {
  it('accepts 12+ characters of three kinds that do not contain the username', () => {
    for (const ok of [
      'Grassland-2027',
      'grassland-2027!',
      'GRASSLAND2027x',
      'Correct horse 9',
      '草原上的骏马Run2027',
    ]) {
      expect(passwordProblems(ok, 'wang.li'), ok).toEqual([]);
    }
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    // 12 code points, three kinds (lower, digit, other), 40 UTF-8 bytes.
    expect(passwordProblems('内蒙古呼和浩特a1b2c3', 'x')).toEqual([]);
    // 11 code points, two of them astral (two UTF-16 units each).
    expect(passwordProblems('😀😀Abc12345!', 'x')).toEqual(['must be at least 12 characters long']);
  });

  it('names every rule broken', () => {
    expect(passwordProblems('short1A', 'someone')).toEqual(['must be at least 12 characters long']);
    expect(passwordProblems('onlylowercaseletters', 'someone')).toEqual([
      'must mix at least 3 of: upper-case letters, lower-case letters, digits, symbols (it has 1)',
    ]);
    expect(passwordProblems('Lowerandupper', 'someone')).toHaveLength(1);
    expect(passwordProblems('my-WANG.LI-2027', 'wang.li')).toEqual(['must not contain the username']);
    expect(passwordProblems(`Aa1!${'x'.repeat(PASSWORD_MAX_LENGTH)}`, 'someone')).toEqual([
      `must be at most ${PASSWORD_MAX_LENGTH} characters long`,
    ]);
  });
});
