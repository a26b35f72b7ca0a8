import type { kindMessages } from './messages-kinds';
import { vocabularyMessages } from './messages-kinds';

/** English for messages-kinds.ts; the type keeps every key of the Japanese ones. */
export const kindMessagesEn: typeof kindMessages = {
  kinds: {
    ...vocabularyMessages('en'),
    versionNumber: 'Version %{number}',
    json: { invalid: 'The JSON is not well formed (near line %{line}, column %{column})' },
    form: {
      content: 'Content',
      contentErrors: 'The content has problems. Correct the following:',
      invalid: 'Some entries are not valid. Check the fields shown in red.',
    },
    list: {
      add: 'Add',
      addTo: 'Add: %{name}',
      remove: 'Remove',
      empty: '(none)',
    },
    dates: {
      typedHelp: 'e.g. 2025-03-24, 2025/3/24, or in the Japanese era: R7.3.24',
    },
    numbers: {
      emptyIsUnknown: 'Empty = not known (not published)',
    },
    units: {
      age: 'years and over',
      minutes: 'min',
      yen: 'yen',
    },
    fees: {
      notKnown: 'Not published',
      uniformAcross: 'uniform: the same in all three columns',
      addItem: 'Add a fee item',
      removeItem: 'Remove this item',
    },
    carryOver: {
      yes: 'Carried over',
      no: 'Not carried over',
      conditionsHelp: 'Leave the conditions empty when nothing is carried over.',
    },
    matrix: {
      help: "〇 = the integration can be done at that facility together with the procedure. Click a cell to switch 〇/‐. Use ✎ on a row or column heading to edit its heading and notes, and the note button in a cell (※ once the cell has a note) to add or edit that cell's note.",
      locationsMore: '%{first} and %{count} more',
      cell: '"%{row}" × "%{column}"',
      addRow: 'Add a procedure row',
      addColumn: 'Add a facility column',
      allRowsShown: 'Every procedure already has a row.',
      allColumnsShown: 'Every facility type already has a column.',
      chooseProcedure: 'Procedure to add',
      chooseFacilityType: 'Facility type to add',
      labelHelp: 'Filled in from the shared vocabulary. Edit it to match the public page.',
      add: 'Add',
      cancel: 'Cancel',
      close: 'Close',
      save: 'Save',
      removeConfirmButton: 'Remove',
      moveUp: 'Move the row "%{name}" up',
      moveDown: 'Move the row "%{name}" down',
      moveLeft: 'Move the column "%{name}" left',
      moveRight: 'Move the column "%{name}" right',
      editRow: 'Edit the heading and notes of the row "%{name}"',
      editColumn: 'Edit the heading, facilities and notes of the column "%{name}"',
      removeRow: 'Remove the row "%{name}"',
      removeColumn: 'Remove the column "%{name}"',
      editRowTitle: 'Edit a procedure row',
      editColumnTitle: 'Edit a facility column',
      removeRowTitle: 'Remove this procedure row?',
      removeRowConfirm: 'The row "%{name}" will be removed, with its 〇 cells and notes.',
      removeColumnTitle: 'Remove this facility column?',
      removeColumnConfirm:
        'The column "%{name}" will be removed, and with it %{count} 〇 cell and the cell notes of this column in every row. |||| The column "%{name}" will be removed, and with it %{count} 〇 cells and the cell notes of this column in every row.',
      cellNoteTitle: 'Cell note',
      addCellNote: 'Add a note to "%{row}" × "%{column}"',
      editCellNote: 'Edit the note of "%{row}" × "%{column}"',
      removeCellNote: 'Remove the note',
      cellNoteHelp: 'The public page shows it below the table, marked ※.',
      available: 'yes',
      unavailable: 'no',
      changed: '(changed)',
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
