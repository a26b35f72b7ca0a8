import { enumLabel, type Locale } from '@policy-cms/kinds';
import type { DiffEntry } from './matrixDiff';
import type { ImpactChange, ImpactVersion, VersionImpact } from './impactApi';
import { diffPathLabel, type DiffContents } from './diffPath';
import { countOptions } from '../i18n/count';

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

/** How the sentences name what changed: procedures, facility types and other fields of the content. */
export interface ImpactNaming {
  /** A procedure by its code; `own` is the content's own heading for it (Japanese, the public page's words). */
  procedure(code: string, own: string | undefined): string;
  facility(code: string): string;
  /**
   * A content path ('content.items[code=renewal].amount'), for the few other changes named in a sentence; the contents
   * before and after name an item by its own label (更新手数料), never by its code.
   */
  field?(path: string, contents: DiffContents): string;
}

/**
 * The words of the shared vocabulary (@policy-cms/kinds) in one language: in Japanese a procedure keeps the content's
 * own heading, as the facility table shows it; in English the vocabulary's name, since the heading is Japanese. Facility
 * types mid-sentence are lower-cased in English ("at licence renewal centre").
 */
export function impactNaming(locale: Locale): ImpactNaming {
  return {
    procedure: (code, own) => (locale === 'ja' && own?.trim() ? own : enumLabel('procedure', code, locale)),
    facility: (code) => {
      const name = enumLabel('facilityType', code, locale);
      return locale === 'en' && name !== code ? name.charAt(0).toLowerCase() + name.slice(1) : name;
    },
    field: (path, contents) => diffPathLabel(path, locale, contents),
  };
}

/**
 * What a run of days gains or loses, in words: for a facility matrix which procedure becomes possible (or not) at
 * which facility type; for any other kind how many items change. Empty when nothing is known to change.
 */
export function changeInWords(t: Translate, change: ImpactChange, naming: ImpactNaming): string {
  const rows = [change.after, change.before].flatMap((v) => ((v?.content as MatrixLike | undefined)?.rows ?? []) as MatrixRowLike[]);
  const procedureName = (code: string) => naming.procedure(code, rows.find((row) => row.procedure === code)?.label);
  const contents: DiffContents = { before: change.before?.content, after: change.after?.content };
  const fieldName = naming.field && ((path: string) => naming.field!(path, contents));
  const facilityList = (codes: string[]) => codes.map((code) => naming.facility(code)).join(t('review.impact.what.facilityJoin'));
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
    phrases.push(t('review.impact.what.named', { fields: others.map((entry) => fieldName(entry.path)).join(t('review.impact.what.fieldJoin')), smart_count: others.length }));
  } else if (others.length) {
    phrases.push(t(phrases.length ? 'review.impact.what.more' : 'review.impact.what.count', countOptions(others.length)));
  }
  return phrases.join(t('review.impact.what.join'));
}

/** One sentence (or two) per run of days whose version in force would change. */
export function changeSentence(t: Translate, date: DateText, mode: VersionImpact['mode'], change: ImpactChange, naming: ImpactNaming): string {
  const range = rangeText(t, date, change.effectiveFrom, change.effectiveThrough);
  if (mode === 'WITHDRAW') {
    if (!change.after) return t('review.impact.withdraw.none', { range });
    const back = t('review.impact.withdraw.back', { range, version: versionName(t, change.after) });
    const what = change.sameContent ? t('review.impact.sameAnswer') : changeInWords(t, change, naming);
    return what ? `${back}${t('review.impact.withdraw.what', { what })}` : back;
  }
  if (!change.before) return t('review.impact.publish.new', { range });
  if (change.sameContent) return t('review.impact.publish.same', { range, version: versionName(t, change.before) });
  const what = changeInWords(t, change, naming);
  const replaces = t(change.beforeScheduled ? 'review.impact.publish.replacesScheduled' : 'review.impact.publish.replaces', {
    version: versionName(t, change.before),
  });
  return `${t('review.impact.publish.changes', { range, what: what || t('review.impact.what.unknown') })}${replaces}`;
}

/** The plain statement first (changes nothing, repeats a scheduled version), then what happens on which days. */
export function impactSentences(t: Translate, date: DateText, impact: VersionImpact, naming: ImpactNaming): string[] {
  const lead: string[] = [];
  for (const repeated of impact.repeatsScheduled) {
    lead.push(t('review.impact.publish.repeats', { version: versionName(t, repeated), from: date(repeated.effectiveFrom) }));
  }
  if (impact.changesNothing) lead.push(t(impact.mode === 'PUBLISH' ? 'review.impact.publish.nothing' : 'review.impact.withdraw.nothing'));
  const perRun = impact.changes.filter((change) => !(impact.changesNothing && change.sameContent));
  return [...lead, ...perRun.map((change) => changeSentence(t, date, impact.mode, change, naming))];
}
