import { AUDIT_ACTIONS, AUDIT_ACTION_WORDS, auditActionWords } from './audit-actions';

describe('the audit actions’ words', () => {
  it('names every action in Japanese and in English, each name once per language', () => {
    for (const locale of ['ja', 'en'] as const) {
      const names = AUDIT_ACTIONS.map((action) => AUDIT_ACTION_WORDS[action][locale]);
      expect(names.every((name) => name.trim().length > 0)).toBe(true);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(AUDIT_ACTIONS).toEqual(expect.arrayContaining(['user.deactivate', 'user.reactivate', 'user.password_reset', 'user.password_change']));
  });

  it('reads an action in words, and gives an action it does not know back as it is', () => {
    expect(auditActionWords('policy_version.publish')).toBe('公開');
    expect(auditActionWords('user.deactivate', 'en')).toBe('User deactivated');
    expect(auditActionWords('something.new', 'en')).toBe('something.new');
  });
});
