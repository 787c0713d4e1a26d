import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it('refuses short, common and personal passwords and accepts passphrases', () => {
    const verdicts = Object.fromEntries(
      ['12345678', 'long pw', '1234567890', 'password123', 'qwertyuiop', 'dave@example.com', 'correct horse battery', 'Tr0ub4dor&3xx'].map((p) => [
        p,
        passwordProblem(p, ['dave@example.com', 'Dave']),
      ]),
    );
    expect(verdicts).toEqual({
      '12345678': 'password_too_short',
      'long pw': 'password_too_short',
      '1234567890': 'password_common',
      password123: 'password_common',
      qwertyuiop: 'password_common',
      'dave@example.com': 'password_personal',
      'correct horse battery': null,
      'Tr0ub4dor&3xx': null,
    });
  });

  it('counts characters, not UTF-16 units, and stays fast on a long input', () => {
    expect(passwordProblem('пароль')).toBe('password_too_short');
    expect(passwordProblem('x'.repeat(200) + 'y')).toBe('password_weak');
  });
});
