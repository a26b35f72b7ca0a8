/// <reference types="jest" />
import { diffPathLabel, diffValueText } from './diffPath';

describe(diffPathLabel.name, () => {
  it('names a matrix row by its procedure and the field in Japanese, never the internal path', () => {
    expect(diffPathLabel('content.rows[procedure=PARTICULARS_CHANGE].facilityTypes', 'ja')).toBe('記載事項変更 › 手続できる施設');
    expect(diffPathLabel('content.rows[procedure=PARTICULARS_CHANGE].cellNotes[facilityType=RENEWAL_CENTER]', 'ja')).toBe(
      '記載事項変更 › 運転免許更新センターの注記',
    );
  });

  it('names list positions from 1, the version’s own fields, and English when asked', () => {
    expect(diffPathLabel('content.notes[1]', 'ja')).toBe('注記 2');
    expect(diffPathLabel('effectiveFrom', 'ja')).toBe('適用開始日');
    expect(diffPathLabel('content.rows[procedure=RENEWAL].facilityTypes', 'en')).toMatch(/Facilities where it can be done$/);
    // A cell note is the note at a facility, in either language (not “Cell notes ‘Licence renewal centre’”, which
    // reads as the note's text).
    expect(diffPathLabel('content.rows[procedure=PARTICULARS_CHANGE].cellNotes[facilityType=RENEWAL_CENTER]', 'en')).toBe(
      'Change of recorded particulars › note at licence renewal centre',
    );
    // An English name is quoted in English, not in 「」.
    expect(diffPathLabel('content.items[code=renewal]', 'en', { after: { items: [{ code: 'renewal', label: 'Renewal' }] } })).toMatch(/ “Renewal”$/);
  });

  it('names an item keyed by a code of the content by its own label, from either version, and by the code only without one', () => {
    const path = 'content.items[code=renewal].amount.byHoldingStatus.LICENSE_ONLY';
    const fees = (label: string) => ({ items: [{ code: 'other', label: '別の項目' }, { code: 'renewal', label }] });
    expect(diffPathLabel(path, 'ja', { before: fees('更新(旧)'), after: fees('更新') })).toMatch(/^更新 › /);
    expect(diffPathLabel(path, 'ja', { before: fees('更新(旧)') })).toMatch(/^更新\(旧\) › /);
    expect(diffPathLabel(path, 'ja')).toMatch(/^renewal › /);
  });
});

describe(diffValueText.name, () => {
  it('names enum values and joins lists', () => {
    expect(diffValueText('content.rows[procedure=REISSUE].facilityTypes', ['TEST_CENTER', 'RENEWAL_CENTER'], 'ja')).toBe('運転免許試験場、運転免許更新センター');
  });

  it('writes amounts in yen as the content table does', () => {
    expect(diffValueText('content.items[code=renewal].amount.byHoldingStatus.LICENSE_ONLY', 2900, 'ja')).toBe('2,900円');
    expect(diffValueText('content.items[code=renewal].amount.yen', 2850, 'en')).toBe('¥2,850');
  });

  it('writes the online lecture fee, lecture lengths and the reservation age with their units', () => {
    expect(diffValueText('content.feeYen', 300, 'ja')).toBe('300円');
    expect(diffValueText('content.feeYen', 300, 'en')).toBe('¥300');
    expect(diffValueText('content.durations[driverClass=GENERAL].minutes', 60, 'ja')).toBe('60分');
    expect(diffValueText('content.durations[0].minutes', 45, 'en')).toBe('45 min');
    expect(diffValueText('content.ageWaiver.fromAge', 75, 'ja')).toBe('75歳');
    // An object of the content names its numbers with their units too.
    expect(diffValueText('content.durations[0]', { driverClass: 'EXCELLENT', minutes: 30 }, 'ja')).toContain('30分');
    expect(diffValueText('content.notes[0]', 2900, 'ja')).toBe('2900');
  });

  it('shows an object as named lines', () => {
    expect(diffValueText('content.rows[procedure=X].cellNotes[facilityType=RENEWAL_CENTER]', { facilityType: 'RENEWAL_CENTER', note: '例' }, 'ja')).toBe(
      '注記する施設: 運転免許更新センター\nセルの注記: 例',
    );
  });
});
