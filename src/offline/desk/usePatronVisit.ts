// What the screens that serve one patron at a time (Check Out, Renew) do alike: the patron and item
// fields, the card shown also when it came through the item field, Complete
// (also Alt+C and the next patron's card) with the receipt of due dates, and the focus moving on.
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { DeskContext } from '../../browser/desk/deskSession.ts';
import type {
  PatronVisitSession,
  PatronVisitState,
} from '../../browser/desk/patronVisitSession.ts';
import { printReceipt } from '../../browser/receipt/printReceipt.ts';
import { buildReceipt } from '../../browser/receipt/receipt.ts';
import type { PrintOptions } from '../../browser/storage/localState.ts';
import { useCompleteShortcut } from './useCompleteShortcut.ts';

export function usePatronVisit<S extends PatronVisitState, Visit>(
  session: PatronVisitSession<S, Visit>,
  options: {
    /** Prints the finished visit's receipt when Print Options say so. */
    printVisit: (visit: Visit) => void;
    onPatronInProgress: (inProgress: boolean) => void;
    /** What else the screen clears when the visit is complete. */
    onCompleted?: () => void;
  },
) {
  const { printVisit, onPatronInProgress, onCompleted } = options;
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const { patron } = state;
  const [patronInput, setPatronInput] = useState(() => session.getState().patron ?? '');
  const [itemInput, setItemInput] = useState('');
  const patronField = useRef<HTMLInputElement>(null);
  const itemField = useRef<HTMLInputElement>(null);
  const focusItemField = () => queueMicrotask(() => itemField.current?.focus());

  // The patron field shows whose visit this is, also when the next card came through the item field.
  const [shownPatron, setShownPatron] = useState(patron);
  if (patron !== shownPatron) {
    setShownPatron(patron);
    if (patron !== null) setPatronInput(patron);
  }

  // A card handed over at mount goes straight on to its items.
  useEffect(() => {
    if (session.getState().patron !== null) itemField.current?.focus();
  }, [session]);

  const patronInProgress = patron !== null;
  useEffect(() => onPatronInProgress(patronInProgress), [onPatronInProgress, patronInProgress]);

  const submitPatron = (event: FormEvent) => {
    event.preventDefault();
    if (!session.enterPatron(patronInput)) {
      patronField.current?.select();
      return;
    }
    setPatronInput(session.getState().patron ?? '');
    focusItemField();
  };

  const submitItem = (event: FormEvent) => {
    event.preventDefault();
    const raw = itemInput;
    setItemInput('');
    void session.scanItem(raw).then((finished) => {
      // A patron's card: the visit before it is complete and gets its receipt.
      if (finished !== null) printVisit(finished);
    });
  };

  const complete = async () => {
    const visit = await session.complete();
    if (visit !== null) printVisit(visit);
    setPatronInput('');
    setItemInput('');
    onCompleted?.();
    queueMicrotask(() => patronField.current?.focus());
  };
  useCompleteShortcut(complete);

  return {
    state,
    patronInput,
    setPatronInput,
    itemInput,
    setItemInput,
    patronField,
    itemField,
    focusItemField,
    submitPatron,
    submitItem,
    complete,
  };
}

export type PatronVisitForm = ReturnType<typeof usePatronVisit>;

/** Prints a visit's receipt of items and due dates (loans, or renewals under their heading). */
export function printDueDateReceipt(
  context: DeskContext,
  printOptions: PrintOptions,
  visit: {
    patron: string;
    items: readonly { entry: { itemBarcode: string }; due: { dueDate: string } }[];
    heading?: string;
  },
): void {
  const { snapshot } = context;
  printReceipt(
    buildReceipt({
      libraryName: snapshot.libraryName,
      headerText: printOptions.headerText,
      branchName: snapshot.branch.name,
      timeZone: snapshot.branch.timeZone,
      printedAt: context.now(),
      patronBarcode: visit.patron,
      loans: visit.items.map(({ entry, due }) => ({
        itemBarcode: entry.itemBarcode,
        dueDate: due.dueDate,
      })),
      recordedOffline: true,
      ...(visit.heading === undefined ? {} : { heading: visit.heading }),
    }),
    printOptions.paper,
  );
}
