import type { kindMessages } from './messages-kinds';
import { vocabularyMessages } from './messages-kinds';

/** English for messages-kinds.ts; the type keeps every key of the Japanese ones. */
export const kindMessagesEn: typeof kindMessages = {
  kinds: {
    ...vocabularyMessages('en'),
    versionNumber: 'version %{number}',
    json: { invalid: 'The JSON is not well formed (near line %{line}, column %{column})' },
    form: {
      content: 'Content',
      contentErrors: 'The content has problems. Correct the following:',
      invalid: 'Some entries are not valid. Check the fields shown in red.',
    },
    list: {
      add: 'Add',
      addTo: 'Add to %{name}',
      remove: 'Remove',
      empty: '(none)',
    },
    numbers: {
      emptyIsUnknown: 'Empty = not known (not published)',
    },
    units: {
      age: 'years and over',
      minutes: 'min',
    },
    fees: {
      notKnown: 'Not published',
      addItem: 'Add a fee item',
      removeItem: 'Remove this item',
    },
    carryOver: {
      yes: 'Carried over',
      no: 'Not carried over',
      conditionsHelp: 'Leave the conditions empty when nothing is carried over.',
    },
    matrix: {
      help: '〇 = the integration can be done at that facility together with the procedure. Click a cell to switch 〇/‐. Headings, notes and facility names are kept as they are.',
    },
    notice: {
      bodyHelp: 'One paragraph or bullet point per line.',
      linksHelp: 'Links must be official pages starting with https://.',
    },
    view: {
      reservation: 'Reservation',
      reservationRequired: 'Reservation required',
      noReservation: 'No reservation needed',
    },
  },
};
