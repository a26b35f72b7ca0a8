import type { DiffEntry } from './matrixDiff';
import type { ImpactChange, ImpactVersion, VersionImpact } from './impactApi';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** How the sentences name a calendar date: 和暦 in Japanese, the ISO date in English. */
export type DateText = (date: string) => string;

/** Up to this many other differences are named in a sentence; more are counted. */
const MAX_NAMED = 3;

const ROW_FACILITIES = /^content\.rows\[procedure=([^\]]+)\]\.facilityTypes$/;
const ROW = /^content\.rows\[procedure=([^\]]+)\]$/;

interface MatrixRowLike {
  procedure: string;
  label?: string;
}
interface MatrixLike {
  rows?: MatrixRowLike[];
  columns?: { facilityType: string; label?: string }[];
}

/** 「令和9年4月1日から」 or 「令和9年4月1日から令和9年5月31日まで」 (and the English equivalents). */
export function rangeText(t: Translate, date: DateText, from: string, through: string | null): string {
  return through ? t('review.impact.range.closed', { from: date(from), through: date(through) }) : t('review.impact.range.open', { from: date(from) });
}

const versionName = (t: Translate, version: Pick<ImpactVersion, 'number'>) => t('review.impact.version', { number: version.number });

/**
 * What a run of days gains or loses, in words: for a facility matrix which procedure becomes possible (or not) at
 * which facility type; for any other kind how many items change. Empty when nothing is known to change.
 */
export function changeInWords(t: Translate, change: ImpactChange, fieldName?: (path: string) => string): string {
  const rows = [change.after, change.before].flatMap((v) => ((v?.content as MatrixLike | undefined)?.rows ?? []) as MatrixRowLike[]);
  const procedureName = (code: string) => rows.find((row) => row.procedure === code)?.label ?? code;
  const facilityName = (code: string) => t(`review.impact.facilities.${code}`, { _: code });
  const facilityList = (codes: string[]) => codes.map(facilityName).join(t('review.impact.what.facilityJoin'));
  const phrases: string[] = [];
  const others: DiffEntry[] = [];
  for (const entry of change.entries) {
    const cells = ROW_FACILITIES.exec(entry.path);
    if (cells) {
      const before = Array.isArray(entry.before) ? entry.before.map(String) : [];
      const after = Array.isArray(entry.after) ? entry.after.map(String) : [];
      const gained = after.filter((f) => !before.includes(f));
      const lost = before.filter((f) => !after.includes(f));
      if (gained.length) phrases.push(t('review.impact.what.gained', { procedure: procedureName(cells[1]), facilities: facilityList(gained) }));
      if (lost.length) phrases.push(t('review.impact.what.lost', { procedure: procedureName(cells[1]), facilities: facilityList(lost) }));
      if (!gained.length && !lost.length) others.push(entry);
      continue;
    }
    const row = ROW.exec(entry.path);
    if (row && (entry.kind === 'added' || entry.kind === 'removed')) {
      phrases.push(t(`review.impact.what.${entry.kind === 'added' ? 'rowAdded' : 'rowRemoved'}`, { procedure: procedureName(row[1]) }));
      continue;
    }
    others.push(entry);
  }
  // A few other changes are named (「記載事項変更 › セルの注記」); many are counted.
  if (others.length && fieldName && others.length <= MAX_NAMED) {
    phrases.push(t('review.impact.what.named', { fields: others.map((entry) => fieldName(entry.path)).join(t('review.impact.what.fieldJoin')) }));
  } else if (others.length) {
    phrases.push(t(phrases.length ? 'review.impact.what.more' : 'review.impact.what.count', { count: others.length, smart_count: others.length }));
  }
  return phrases.join(t('review.impact.what.join'));
}

/** One sentence (or two) per run of days whose version in force would change. */
export function changeSentence(t: Translate, date: DateText, mode: VersionImpact['mode'], change: ImpactChange, fieldName?: (path: string) => string): string {
  const range = rangeText(t, date, change.effectiveFrom, change.effectiveThrough);
  if (mode === 'WITHDRAW') {
    if (!change.after) return t('review.impact.withdraw.none', { range });
    const back = t('review.impact.withdraw.back', { range, version: versionName(t, change.after) });
    const what = change.sameContent ? t('review.impact.sameAnswer') : changeInWords(t, change, fieldName);
    return what ? `${back}${t('review.impact.withdraw.what', { what })}` : back;
  }
  if (!change.before) return t('review.impact.publish.new', { range });
  if (change.sameContent) return t('review.impact.publish.same', { range, version: versionName(t, change.before) });
  const what = changeInWords(t, change, fieldName);
  const replaces = t(change.beforeScheduled ? 'review.impact.publish.replacesScheduled' : 'review.impact.publish.replaces', {
    version: versionName(t, change.before),
  });
  return `${t('review.impact.publish.changes', { range, what: what || t('review.impact.what.unknown') })}${replaces}`;
}

/** The plain statement first (changes nothing, repeats a scheduled version), then what happens on which days. */
export function impactSentences(t: Translate, date: DateText, impact: VersionImpact, fieldName?: (path: string) => string): string[] {
  const lead: string[] = [];
  for (const repeated of impact.repeatsScheduled) {
    lead.push(t('review.impact.publish.repeats', { version: versionName(t, repeated), from: date(repeated.effectiveFrom) }));
  }
  if (impact.changesNothing) lead.push(t(impact.mode === 'PUBLISH' ? 'review.impact.publish.nothing' : 'review.impact.withdraw.nothing'));
  const perRun = impact.changes.filter((change) => !(impact.changesNothing && change.sameContent));
  return [...lead, ...perRun.map((change) => changeSentence(t, date, impact.mode, change, fieldName))];
}
