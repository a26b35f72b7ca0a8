import { LOGIN_TEXTS } from '../login/texts';
import type { officeMessages } from './messages-office';

export const officeMessagesEn: typeof officeMessages = {
  login: { language: LOGIN_TEXTS.en.language },
  menu: { calendar: 'Upcoming changes', reviewsWaiting: 'Awaiting review: %{count}' },
  calendar: {
    title: 'Upcoming changes',
    intro:
      'What takes effect in the coming year across all policies, by date (published versions only; versions awaiting review or publication appear once published).',
    onDay: 'Changes on this day',
    showAll: 'Show the whole year',
    day: 'Takes effect',
    policy: 'Policy',
    version: 'Version',
    summary: 'Summary of the change',
    resumes: '(in force again after a later version ends)',
    noneAhead: 'No change is scheduled in the coming year.',
    noneOnDay: 'No change takes effect on this day.',
  },
};
