import { matrixDiff } from './matrixDiff';

describe(matrixDiff.name, () => {
  it('highlights an added column whole in the new table and a removed one in the old, and keeps neither among the other changes', () => {
    const diff = matrixDiff([
      { path: 'content.columns[facilityType=RENEWAL_CENTER]', kind: 'added', after: { facilityType: 'RENEWAL_CENTER', label: '運転免許更新センター' } },
      { path: 'content.columns[facilityType=OTHER_STATION]', kind: 'removed', before: { facilityType: 'OTHER_STATION', label: '指定外警察署' } },
      { path: 'content.columns[facilityType=TEST_CENTER].label', kind: 'changed', before: '試験場', after: '運転免許試験場' },
    ]);
    expect([...diff.columnsAfter]).toEqual(['RENEWAL_CENTER']);
    expect([...diff.columnsBefore]).toEqual(['OTHER_STATION']);
    expect(diff.others.map((e) => e.path)).toEqual(['content.columns[facilityType=TEST_CENTER].label']);
  });

  it('marks the cells whose 〇 a row gained or lost in both tables', () => {
    const diff = matrixDiff([
      { path: 'content.rows[procedure=RENEWAL].facilityTypes', kind: 'changed', before: ['TEST_CENTER', 'OTHER_STATION'], after: ['TEST_CENTER', 'RENEWAL_CENTER'] },
    ]);
    expect([...diff.before].sort()).toEqual(['RENEWAL:OTHER_STATION', 'RENEWAL:RENEWAL_CENTER']);
    expect([...diff.after].sort()).toEqual(['RENEWAL:OTHER_STATION', 'RENEWAL:RENEWAL_CENTER']);
  });
});
