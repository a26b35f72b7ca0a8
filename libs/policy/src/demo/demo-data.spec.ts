import { findPolicyKind } from '../kinds';
import { demoPolicies, demoPublications } from './index';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('demoPolicies', () => {
  it('has unique keys, known kinds and Japanese titles and sections', () => {
    const keys = demoPolicies.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const policy of demoPolicies) {
      expect(policy.key).toMatch(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/);
      expect(findPolicyKind(policy.kind)).toBeDefined();
      expect(policy.title).toMatch(JAPANESE);
      expect(policy.section).toMatch(JAPANESE);
    }
  });

  it('includes every policy the product promises', () => {
    const keys = demoPolicies.map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'myna.facilities',
        'myna.reservation',
        'myna.card-renewal',
        'myna.online-lecture',
        'myna.one-stop',
        'myna.overseas',
        'fees.renewal',
        'fees.new-license',
        'fees.lecture',
        'fees.recording',
      ]),
    );
  });

  it('publishes at least one version of every policy', () => {
    for (const policy of demoPolicies) {
      expect(demoPublications.some((p) => p.policyKey === policy.key)).toBe(true);
    }
  });
});

describe('demoPublications', () => {
  it('belong to known policies and carry well-formed dates and instants', () => {
    const keys = new Set(demoPolicies.map((p) => p.key));
    for (const p of demoPublications) {
      expect(keys.has(p.policyKey)).toBe(true);
      expect(p.effectiveFrom).toMatch(DATE);
      if (p.effectiveThrough !== null) {
        expect(p.effectiveThrough).toMatch(DATE);
        expect(p.effectiveThrough >= p.effectiveFrom).toBe(true);
      }
      expect(p.recordedAt).toMatch(INSTANT_WITH_OFFSET);
      expect(Number.isNaN(Date.parse(p.recordedAt))).toBe(false);
    }
  });

  it('are listed in record order, oldest first', () => {
    const times = demoPublications.map((p) => Date.parse(p.recordedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('were all recorded in the past, so no knownAt has to lie in the future', () => {
    for (const p of demoPublications) {
      expect(Date.parse(p.recordedAt)).toBeLessThanOrEqual(Date.parse('2026-11-01T00:00:00+09:00'));
    }
  });

  it('name their source in the summary, and label invented facts as demo data', () => {
    for (const p of demoPublications) {
      expect(p.summary).toContain('出典');
      expect(p.summary.includes('デモ用の架空データ')).toBe(p.demo);
    }
  });

  it('mark [S] amounts as secondary in the summary', () => {
    const summaryOf = (key: string, from: string) =>
      demoPublications.find((p) => p.policyKey === key && p.effectiveFrom === from)?.summary;
    expect(summaryOf('fees.renewal', '2022-05-13')).toContain('二次資料 [S]');
    expect(summaryOf('fees.lecture', '2025-03-24')).toContain('二次資料 [S]');
    expect(summaryOf('myna.reservation', '2024-02-01')).toContain('二次資料 [S]');
  });

  it('record what the seed page says at 2025-03-24 09:00 Tokyo time, in force from 2025-03-24', () => {
    const seed = demoPublications.filter((p) => p.summary.includes('マイナンバーカードと運転免許証の一体化について'));
    expect(seed.map((p) => p.policyKey).sort()).toEqual(
      [
        'contact',
        'myna.card-notes',
        'myna.card-renewal',
        'myna.facilities',
        'myna.holding-status',
        'myna.one-stop',
        'myna.online-lecture',
        'myna.overseas',
        'myna.overview',
        'myna.reservation',
      ].sort(),
    );
    for (const p of seed) {
      expect(p).toMatchObject({
        effectiveFrom: '2025-03-24',
        effectiveThrough: null,
        recordedAt: '2025-03-24T09:00:00+09:00',
        demo: false,
      });
    }
  });

  it('ship exactly two demo versions: the announced autumn fix and a future facility rollout', () => {
    const demo = demoPublications.filter((p) => p.demo);
    expect(demo.map(({ policyKey, effectiveFrom, effectiveThrough, recordedAt }) => ({ policyKey, effectiveFrom, effectiveThrough, recordedAt }))).toEqual([
      {
        policyKey: 'myna.card-renewal',
        effectiveFrom: '2025-09-01',
        effectiveThrough: null,
        recordedAt: '2025-08-01T09:00:00+09:00',
      },
      {
        policyKey: 'myna.facilities',
        effectiveFrom: '2027-04-01',
        effectiveThrough: null,
        recordedAt: '2026-10-01T09:00:00+09:00',
      },
    ]);
  });

  it('tell invented content from an assumed record date: the autumn fix is real, only its announcement day is assumed', () => {
    const flags = (key: string, from: string) => {
      const p = demoPublications.find((candidate) => candidate.policyKey === key && candidate.effectiveFrom === from);
      return p && { demo: p.demo, inventedContent: p.inventedContent, recordDateAssumed: p.recordDateAssumed };
    };
    expect(flags('myna.card-renewal', '2025-09-01')).toEqual({ demo: true, inventedContent: false, recordDateAssumed: true });
    expect(flags('myna.facilities', '2027-04-01')).toEqual({ demo: true, inventedContent: true, recordDateAssumed: true });
    expect(flags('myna.facilities', '2025-03-24')).toEqual({ demo: false, inventedContent: false, recordDateAssumed: false });
    for (const p of demoPublications) {
      if (p.inventedContent) expect(p.demo).toBe(true);
      // A record instant the summary calls assumed (仮定) or unknown is flagged, and only then.
      expect(p.recordDateAssumed).toBe(/記録日時.*(仮定|架空)/.test(p.summary) || p.inventedContent);
    }
  });

  it('keep the demo flag out of the content', () => {
    for (const p of demoPublications) {
      expect(Object.keys(p.content as object)).not.toContain('demo');
    }
  });

  it('close the licence offices nationwide for the one day of the system switch', () => {
    const closure = demoPublications.filter((p) => p.policyKey === 'offices.closure');
    expect(closure).toHaveLength(1);
    expect(closure[0]).toMatchObject({ effectiveFrom: '2025-03-23', effectiveThrough: '2025-03-23' });
  });
});
