import { FIELD_ENUMS, contentFieldName, enumLabel, quantityText, type Locale } from '@policy-cms/kinds';
import { joinListWords } from '../common/listWords';

/*
 * A diff entry's path (`content.rows[procedure=PARTICULARS_CHANGE].facilityTypes`) and values in the words of the
 * content — 「記載事項変更 › 手続できる施設」, 「運転免許試験場、運転免許更新センター」 — from the kinds' shared vocabulary,
 * so that a reviewer never reads an internal path or an enum code.
 */

const VERSION_FIELDS: Readonly<Record<string, Record<Locale, string>>> = {
  effectiveFrom: { ja: '適用開始日', en: 'Effective from' },
  effectiveThrough: { ja: '適用終了日', en: 'Effective through' },
  summary: { ja: '変更の概要・出典', en: 'Summary of changes and source' },
};

type Segment = { type: 'property'; name: string } | { type: 'keyed'; key: string; value: string } | { type: 'index'; index: number };

function segmentsOf(path: string): Segment[] {
  const segments: Segment[] = [];
  const pattern = /\[(\w+)=([^\]]*)\]|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|([^.[\]]+)/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push({ type: 'keyed', key: match[1], value: match[2] });
    else if (match[3] !== undefined) segments.push({ type: 'index', index: Number(match[3]) });
    else if (match[4] !== undefined) segments.push({ type: 'property', name: JSON.parse(`"${match[4]}"`) as string });
    else segments.push({ type: 'property', name: match[5] });
  }
  return segments;
}

/** The enum a value at this field pattern (`rows.*.facilityTypes.*`) holds, if any. */
const enumAt = (pattern: string) => (FIELD_ENUMS as Record<string, Parameters<typeof enumLabel>[0] | undefined>)[pattern];

/**
 * Lists whose entries are places rather than names: a cell note is the note at a facility type (「運転免許更新センターの
 * 注記」, "note at licence renewal centre"), which 「セルの注記「運転免許更新センター」」 read as if it were the note's text.
 */
const ENTRY_WORDS: Record<string, Record<Locale, (key: string) => string>> = {
  'rows.*.cellNotes': { ja: (key) => `${key}の注記`, en: (key) => `note at ${key.charAt(0).toLowerCase()}${key.slice(1)}` },
};

/** The two contents a diff compares, where an item's own label can be read (a fee item is named by its label, not its code). */
export interface DiffContents {
  before?: unknown;
  after?: unknown;
}

/** The label (or title) an item of a content list gives itself, if it has one. */
function ownLabel(item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const { label, title } = item as { label?: unknown; title?: unknown };
  return typeof label === 'string' && label.trim() ? label : typeof title === 'string' && title.trim() ? title : undefined;
}

/** One step down a content, as a path segment says. */
function step(node: unknown, segment: Segment): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  if (segment.type === 'property') return (node as Record<string, unknown>)[segment.name];
  if (!Array.isArray(node)) return undefined;
  if (segment.type === 'index') return node[segment.index];
  return node.find((item) => item && typeof item === 'object' && String((item as Record<string, unknown>)[segment.key]) === segment.value);
}

/**
 * Where a difference is, in words: 「記載事項変更 › 手続できる施設」, 「手数料の項目「更新」 › 金額(円)」. An item keyed by a
 * code of the content (a fee item's `renewal`) is named by its own label in `contents`, the code only when it has none.
 */
export function diffPathLabel(path: string, locale: Locale, contents: DiffContents = {}): string {
  // 「…」 in Japanese; “…” after a space in English.
  const quote = (text: string) => (locale === 'en' ? ` “${text}”` : `「${text}」`);
  const segments = segmentsOf(path);
  if (segments[0]?.type === 'property' && VERSION_FIELDS[segments[0].name] && segments.length === 1) return VERSION_FIELDS[segments[0].name][locale];
  if (segments[0]?.type === 'property' && segments[0].name === 'content') segments.shift();
  const pattern: string[] = [];
  const parts: string[] = [];
  let nodes = [contents.after, contents.before];
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const listName = () => contentFieldName(pattern.join('.'), locale) ?? pattern[pattern.length - 1] ?? '';
    nodes = nodes.map((node) => step(node, segment));
    if (segment.type === 'property') {
      pattern.push(segment.name);
      if (last) parts.push(contentFieldName(pattern.join('.'), locale) ?? quote(segment.name).trim());
      return;
    }
    const list = listName();
    if (segment.type === 'keyed') {
      const kind = enumAt(`${pattern.join('.')}.*.${segment.key}`);
      const row = kind ? enumLabel(kind, segment.value, locale) : (ownLabel(nodes[0]) ?? ownLabel(nodes[1]) ?? segment.value);
      const entry = ENTRY_WORDS[pattern.join('.')]?.[locale];
      pattern.push('*');
      parts.push(last ? (entry ? entry(row) : `${list}${quote(row)}`.trim()) : row);
      return;
    }
    pattern.push('*');
    parts.push(`${list} ${segment.index + 1}`);
  });
  return parts.length ? parts.join(' › ') : (contentFieldName('', locale) ?? path);
}

/** A value of a diff entry in words: enum codes named, lists joined, objects as 「名前: 値」 lines. */
export function diffValueText(path: string, value: unknown, locale: Locale): string {
  const segments = segmentsOf(path);
  if (segments[0]?.type === 'property' && segments[0].name === 'content') segments.shift();
  const pattern = segments.map((s) => (s.type === 'property' ? s.name : '*')).join('.');
  return valueText(pattern, value, locale);
}

function valueText(pattern: string, value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? (locale === 'ja' ? 'はい' : 'Yes') : locale === 'ja' ? 'いいえ' : 'No';
  // A number with its unit (「講習手数料(円) 200 → 300」 read as two bare numbers).
  if (typeof value === 'number') {
    const quantity = quantityText(pattern, value, locale);
    if (quantity !== undefined) return quantity;
  }
  if (typeof value === 'string' || typeof value === 'number') {
    const kind = enumAt(pattern);
    return kind && typeof value === 'string' ? enumLabel(kind, value, locale) : String(value);
  }
  const child = (key: string) => (pattern ? `${pattern}.${key}` : key);
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return joinListWords(value.map((item) => valueText(child('*'), item, locale)), locale);
    return value.map((item) => valueText(child('*'), item, locale)).join('\n');
  }
  return Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${contentFieldName(child(key), locale) ?? key}: ${valueText(child(key), item, locale)}`)
    .join('\n');
}
