// What every desk screen of the offline client is given by the frame (App.tsx, through the tab
// list in deskTabs.tsx): its own module so the screens need not import the list that draws them.
import type { DeskContext } from '../../browser/desk/deskSession.ts';
import type { PrintOptions, SpecialLoanSetting } from '../../browser/storage/localState.ts';

export interface DeskScreenProps {
  context: DeskContext;
  printOptions: PrintOptions;
  specialLoanSetting: SpecialLoanSetting;
  /** Called after each transaction is stored, to refresh the unsent count. */
  onRecorded: () => void;
  /**
   * A patron is in progress (true) or done with (false): the other tabs, Settings and a new version
   * wait until then.
   */
  onPatronInProgress: (inProgress: boolean) => void;
  /**
   * The screen's session under `key`, made by `create` the first time: kept while staff visit
   * other tabs, so a list half done is still there when they come back.
   */
  keep: <T>(key: string, create: () => T) => T;
  /** A card handed to Check Out (by Register Patron), entered when Check Out opens. */
  checkOutCard: string | undefined;
  /** Opens Check Out with this card entered: the patron just registered borrows at once. */
  openCheckOut: (card: string) => void;
}
