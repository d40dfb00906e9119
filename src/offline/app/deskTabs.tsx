// The desk's screens, in the order their tabs appear. A new desk screen is one entry here: its
// tab's name (also its accessible name) and how to draw it from what every desk screen gets.
import type { ReactNode } from 'react';
import type { DeskContext } from '../../browser/desk/deskSession.ts';
import type { PrintOptions, SpecialLoanSetting } from '../../browser/storage/localState.ts';
import { CheckOutScreen } from '../checkout/CheckOutScreen.tsx';
import { CheckInScreen } from '../checkin/CheckInScreen.tsx';
import { InHouseUseScreen } from '../inHouseUse/InHouseUseScreen.tsx';
import { RenewScreen } from '../renew/RenewScreen.tsx';
import { RegisterPatronScreen } from '../register/RegisterPatronScreen.tsx';

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

export interface DeskTab {
  name: string;
  render: (props: DeskScreenProps) => ReactNode;
}

export const DESK_TABS: readonly DeskTab[] = [
  {
    name: 'Check Out',
    render: (props) => (
      <CheckOutScreen
        key={props.checkOutCard ?? ''}
        context={props.context}
        printOptions={props.printOptions}
        specialLoanSetting={props.specialLoanSetting}
        onRecorded={props.onRecorded}
        onPatronInProgress={props.onPatronInProgress}
        {...(props.checkOutCard === undefined ? {} : { initialPatron: props.checkOutCard })}
      />
    ),
  },
  { name: 'Check In', render: (props) => <CheckInScreen {...props} /> },
  { name: 'Renew', render: (props) => <RenewScreen {...props} /> },
  { name: 'In-House Use', render: (props) => <InHouseUseScreen {...props} /> },
  {
    name: 'Register Patron',
    render: (props) => (
      <RegisterPatronScreen
        context={props.context}
        onRecorded={props.onRecorded}
        onCheckOut={props.openCheckOut}
      />
    ),
  },
];
