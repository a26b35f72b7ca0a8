/// <reference types="jest" />
import { actorText, eventChanges, ledgerSentence } from './eventChanges';
import { auditMessages } from '../i18n/messages-audit';
import { auditMessagesEn } from '../i18n/messages-audit.en';
import { testTranslator } from '../i18n/testTranslator';
import { versionMessages } from '../i18n/messages-versions';

/** A polyglot-like lookup over the app's Japanese texts, with %{name} filled in and `_` as the default. */
const messages: Record<string, unknown> = { ...auditMessages, ...versionMessages };
const t = (key: string, options: Record<string, unknown> = {}) => {
  const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  if (typeof found !== 'string') return (options._ as string | undefined) ?? key;
  return found.replace(/%\{(\w+)\}/g, (_, name: string) => String(options[name]));
};

describe(eventChanges.name, () => {
  it('lists only what changed, each field named in Japanese and each code in words', () => {
    const before = { status: 'IN_REVIEW', effectiveFrom: '2027-01-04', content: { rows: [{ procedure: 'RENEWAL', facilityTypes: ['TEST_CENTER'] }] } };
    const after = { status: 'DRAFT', effectiveFrom: '2027-01-04', content: { rows: [{ procedure: 'RENEWAL', facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER'] }] } };
    expect(eventChanges(before, after, 'ja', t)).toEqual([
      { path: 'status', label: '状態', before: 'レビュー中', after: '下書き', changed: true },
      {
        path: 'content.rows.0.facilityTypes',
        label: '内容 › 手続の行 1 › 手続できる施設',
        before: '運転免許試験場',
        after: '運転免許試験場、運転免許更新センター',
        changed: true,
      },
    ]);
  });

  it('lists everything a creation set, in reading order, without the policy key and the ledger', () => {
    const rows = eventChanges(null, { policyKey: 'contact', number: 2, status: 'DRAFT', summary: '文言', effectiveThrough: null, effectiveFrom: '2027-01-04' }, 'ja', t);
    expect(rows.map((row) => [row.label, row.after])).toEqual([
      ['状態', '下書き'],
      ['版', '2'],
      ['適用開始日', '2027-01-04'],
      ['適用終了日', '無期限'],
      ['変更の概要・出典', '文言'],
    ]);
  });

  it('names roles and yes/no in words', () => {
    expect(eventChanges({ roles: ['EDITOR'] }, { roles: ['EDITOR', 'APPROVER'] }, 'ja', t)).toMatchObject([{ label: 'ロール', before: '編集者', after: '編集者、承認者' }]);
    expect(eventChanges({ active: true }, { active: false }, 'ja', t)).toMatchObject([{ label: '有効', before: 'はい', after: 'いいえ' }]);
  });
});

describe(ledgerSentence.name, () => {
  it('says what a publish did to the public record', () => {
    const after = { ledger: { recordedAt: '2026-12-02T04:30:00.000Z', opened: [{}, {}], closed: [{}] } };
    expect(ledgerSentence(after, () => '2026/12/02 13:30', t)).toBe('2026/12/02 13:30 に記録: 適用期間 2件を追加、1件を終了');
    expect(ledgerSentence({ status: 'DRAFT' }, () => '', t)).toBeNull();
  });

  it('in English, counts one period in the singular (react-admin\'s polyglot picks the form)', () => {
    const enT = testTranslator(auditMessagesEn, 'en');
    const at = () => '2026-12-02 13:30 (UTC+09:00)';
    expect(ledgerSentence({ ledger: { recordedAt: '2026-12-02T04:30:00.000Z', opened: [{}], closed: [] } }, at, enT)).toBe(
      'Recorded at 2026-12-02 13:30 (UTC+09:00): 1 period in force added, 0 ended',
    );
    expect(ledgerSentence({ ledger: { recordedAt: '2026-12-02T04:30:00.000Z', opened: [{}, {}], closed: [{}] } }, at, enT)).toBe(
      'Recorded at 2026-12-02 13:30 (UTC+09:00): 2 periods in force added, 1 ended',
    );
  });
});

describe(actorText.name, () => {
  it('names a person by display name, not by the username recorded with the event', () => {
    expect(actorText({ actorId: 'u1', actorName: 'approver', actorDisplayName: '承認者 花子' }, t)).toBe('承認者 花子');
  });
  it('falls back to the recorded username for someone who is no longer a user, and says システム for the system', () => {
    expect(actorText({ actorId: 'u2', actorName: 'former', actorDisplayName: null }, t)).toBe('former');
    expect(actorText({ actorId: null, actorKind: 'SYSTEM', actorName: 'system', action: 'user.create', actorDisplayName: null }, t)).toBe('システム');
  });
  it('does not call a failed login typed as "system" the system: it shows the typed name as typed by someone not logged in', () => {
    expect(actorText({ actorId: null, actorKind: 'ANONYMOUS', actorName: 'system', action: 'auth.login_failed', actorDisplayName: null }, t)).toBe(
      '「system」(未ログイン)',
    );
    // An event read without actorKind is classified the same way, from its action.
    expect(actorText({ actorId: null, actorName: 'system', action: 'auth.login_failed' }, t)).toBe('「system」(未ログイン)');
    expect(actorText({ actorId: null, actorName: 'system', action: 'webhook.disable' }, t)).toBe('システム');
  });
});
