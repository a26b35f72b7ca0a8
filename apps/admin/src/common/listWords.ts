/**
 * Items of a list in one cell: short words in a run (「運転免許試験場、運転免許更新センター」, 'A, B'), sentences one per
 * line, since 「…ください。、…です。」 reads as a typo and a long run cannot be scanned.
 */
export function joinListWords(items: readonly string[], locale: 'ja' | 'en'): string {
  const sentences = items.some((item) => item.length > 30 || /[。．.!?！？]$/.test(item.trim()) || item.includes('\n'));
  return items.join(sentences ? '\n' : locale === 'ja' ? '、' : ', ');
}
