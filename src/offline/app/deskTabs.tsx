// The desk's screens, in the order their tabs appear. A new desk screen is one entry here: its
// tab's name (also its accessible name) and how to draw it from what every desk screen gets.
import type { ReactNode } from 'react';
import type { DeskContext } from '../../browser/desk/deskSession.ts';
import type { PrintOptions, SpecialLoanSetting } from '../../browser/storage/localState.ts';
import { CheckOutScreen } from '../checkout/CheckOutScreen.tsx';
import { CheckInScreen } from '../checkin/CheckInScreen.tsx';
import { InHouseUseScreen } from '../inHouseUse/InHouseUseScreen.tsx';

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
}

export interface DeskTab {
  name: string;
  render: (props: DeskScreenProps) => ReactNode;
}

export const DESK_TABS: readonly DeskTab[] = [
  {
    name: 'Check Out',
    render: (props) => (
      <CheckOutScreen
        context={props.context}
        printOptions={props.printOptions}
        specialLoanSetting={props.specialLoanSetting}
        onRecorded={props.onRecorded}
        onPatronInProgress={props.onPatronInProgress}
      />
    ),
  },
  { name: 'Check In', render: (props) => <CheckInScreen {...props} /> },
  { name: 'In-House Use', render: (props) => <InHouseUseScreen {...props} /> },
];
