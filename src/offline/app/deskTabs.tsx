// The desk's screens, in the order their tabs appear. A new desk screen is one entry here: its
// tab's name (also its accessible name) and how to draw it from what every desk screen gets.
import type { ReactNode } from 'react';
import type { DeskScreenProps } from '../desk/deskScreenProps.ts';
import { CheckOutScreen } from '../checkout/CheckOutScreen.tsx';
import { CheckInScreen } from '../checkin/CheckInScreen.tsx';
import { InHouseUseScreen } from '../inHouseUse/InHouseUseScreen.tsx';
import { RenewScreen } from '../renew/RenewScreen.tsx';
import { RegisterPatronScreen } from '../register/RegisterPatronScreen.tsx';

export type { DeskScreenProps };

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
