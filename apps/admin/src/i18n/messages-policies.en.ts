import type { PolicyTexts } from './messages-policies';

/** English texts of the policy screens: the same keys and placeholders as ./messages-policies (tsc checks the keys). */
export const policyTextsEn: PolicyTexts = {
  list: {
    current: 'Version in force',
    next: 'Next scheduled change',
    none: 'None',
    loadError: 'Could not be loaded',
  },
  show: {
    title: 'Policy',
    back: 'Policies',
    timeline: 'Timeline of effective periods',
    segments: 'Versions by period',
    knownAt: 'As recorded at (Japan time)',
    knownAtHelp: 'Blank: the current record. Give a moment to see what was on record then.',
    knownAtNow: 'Back to now',
    knownAtFuture: 'A moment in the future cannot be chosen (the record runs up to now). Showing the record as it is now.',
    asKnownAt: 'The record as of %{when}',
    asKnownNow: 'The record as it is now',
    empty: 'As recorded at this moment, this policy has no versions.',
    loadError: 'The timeline could not be loaded',
  },
  columns: {
    number: 'Version',
    range: 'Effective period',
    summary: 'Summary of changes and source',
    recordedAt: 'Recorded at (Japan time)',
    kind: 'Type',
  },
  kinds: {
    published: 'Published',
    scheduled: 'Scheduled',
    retroactive: 'Retroactive correction',
  },
  timeline: {
    todayInTokyo: 'Today (Japan time)',
    versionKind: '%{version} (%{kind})',
    versionFrom: 'The version takes effect: %{date}',
    firstRecorded: ' (version first recorded %{when})',
  },
  demo: 'Invented content',
  today: 'Today',
  openEnded: 'open-ended',
  recordedAt: 'Recorded',
};

export const policyMessagesEn = { policies: policyTextsEn };
