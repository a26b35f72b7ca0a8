import { LOGIN_TEXTS } from '../login/texts';
/**
 * Helper J's texts, under `app.office.*`: the login page, the upcoming-changes calendar, the review badge.
 * Japanese first; messages-office.en.ts has the same keys (its type says so).
 */
export const officeMessages = {
  login: { language: LOGIN_TEXTS.ja.language },
  menu: { calendar: '変更予定カレンダー', reviewsWaiting: 'レビュー待ち %{count}件' },
  calendar: {
    title: '変更予定カレンダー',
    intro: '今日から1年間に効力を生じる変更を、全ポリシーについて日付順に示します(公開済みの版のみ。承認待ち・公開待ちの版は公開後に載ります)。',
    onDay: 'この日の変更',
    showAll: '1年分を表示',
    day: '効力発生日',
    policy: 'ポリシー',
    version: '版',
    summary: '変更の概要',
    resumes: '(後の版の終了により再び適用)',
    noneAhead: '今日から1年間に予定された変更はありません。',
    noneOnDay: 'この日に効力を生じる変更はありません。',
  },
};
