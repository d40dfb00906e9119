// The staff app: sign-in, the one-time workstation question, then the desk screens. Signing in
// happens at whatever address was open, so a session that ends mid-task resumes on the same screen.
import { Redirect, Route, Switch } from 'wouter';
import { AdminScreens } from './admin/AdminScreens.tsx';
import { describeError } from './api/client.ts';
import { Header } from './components/Header.tsx';
import { HoldShelfScreen } from './holdShelf/HoldShelfScreen.tsx';
import { LostTransactionsAlert } from './offlineInstall/LostTransactionsAlert.tsx';
import { OfflineInstallNotice } from './offlineInstall/OfflineInstallNotice.tsx';
import { OfflineSendBanner } from './offlineSending/OfflineSendBanner.tsx';
import { SessionProvider, useSessionContext } from './session/SessionContext.tsx';
import { rememberedWorkstation } from './session/workstationStore.ts';
import { CheckInScreen } from './screens/CheckInScreen.tsx';
import { CheckOutScreen } from './screens/CheckOutScreen.tsx';
import { ClosedDaysScreen } from './screens/ClosedDaysScreen.tsx';
import { ItemScreen } from './screens/ItemScreen.tsx';
import { LoanRulesScreen } from './screens/LoanRulesScreen.tsx';
import { NotFoundScreen } from './screens/NotFoundScreen.tsx';
import { OfflineExceptionsScreen } from './offlineReports/OfflineExceptionsScreen.tsx';
import { OfflineReportScreen } from './offlineReports/OfflineReportScreen.tsx';
import { OfflineUploadScreen } from './offlineReports/OfflineUploadScreen.tsx';
import { OfflineUploadsScreen } from './offlineReports/OfflineUploadsScreen.tsx';
import { UploadOfflineFileScreen } from './offlineReports/UploadOfflineFileScreen.tsx';
import { PatronScreen } from './screens/PatronScreen.tsx';
import { PatronsScreen } from './patrons/PatronsScreen.tsx';
import { RegisterPatronScreen } from './patrons/RegisterPatronScreen.tsx';
import { AddItemScreen } from './items/AddItemScreen.tsx';
import { ItemsScreen } from './items/ItemsScreen.tsx';
import { TitleScreen } from './titles/TitleScreen.tsx';
import { PrintOptionsScreen } from './screens/PrintOptionsScreen.tsx';
import { SignInScreen } from './screens/SignInScreen.tsx';
import { WorkstationPrompt } from './screens/WorkstationPrompt.tsx';
import { InTransitScreen } from './transits/InTransitScreen.tsx';
import { useState } from 'react';

export function App() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}

function Gate() {
  const { state, loadError, retryLoad } = useSessionContext();
  // Re-render once the workstation is chosen; the choice itself lives in localStorage.
  const [, setChosen] = useState(0);

  if (state.status === 'loading') {
    return (
      <main className="sign-in">
        {loadError ? (
          <div className="sign-in__form">
            <div role="alert" className="alerts">
              <p>{describeError(loadError)}</p>
            </div>
            <button type="button" className="button--primary" onClick={retryLoad}>
              Try again
            </button>
          </div>
        ) : (
          <p className="muted">Loading Circa…</p>
        )}
      </main>
    );
  }
  if (state.status === 'signedOut') return <SignInScreen note={state.ended} />;
  if (state.session.workstation === null || rememberedWorkstation() === null) {
    return <WorkstationPrompt onChosen={() => setChosen((n) => n + 1)} />;
  }
  return (
    <>
      <Header />
      <LostTransactionsAlert />
      <OfflineInstallNotice />
      <OfflineSendBanner />
      <Screens />
    </>
  );
}

function Screens() {
  return (
    <Switch>
      <Route path="/">
        <Redirect to="/checkout" replace />
      </Route>
      <Route path="/checkout" component={CheckOutScreen} />
      <Route path="/checkin" component={CheckInScreen} />
      <Route path="/hold-shelf" component={HoldShelfScreen} />
      <Route path="/in-transit" component={InTransitScreen} />
      <Route path="/loan-rules" component={LoanRulesScreen} />
      <Route path="/closed-days" component={ClosedDaysScreen} />
      <Route path="/print-options" component={PrintOptionsScreen} />
      <Route path="/patrons" component={PatronsScreen} />
      <Route path="/patrons/new" component={RegisterPatronScreen} />
      <Route path="/items" component={ItemsScreen} />
      <Route path="/items/new" component={AddItemScreen} />
      <Route path="/patrons/:barcode">
        {({ barcode }) => <PatronScreen key={barcode} barcode={barcode} />}
      </Route>
      <Route path="/items/:barcode">
        {({ barcode }) => <ItemScreen key={barcode} barcode={barcode} />}
      </Route>
      <Route path="/titles/:id">{({ id }) => <TitleScreen key={id} titleId={Number(id)} />}</Route>
      <Route path="/offline-uploads" component={OfflineUploadsScreen} />
      <Route path="/offline-uploads/new" component={UploadOfflineFileScreen} />
      <Route path="/offline-uploads/:id">
        {({ id }) =>
          /^\d+$/.test(id) ? (
            <OfflineUploadScreen key={id} uploadId={Number(id)} />
          ) : (
            <NotFoundScreen />
          )
        }
      </Route>
      <Route path="/offline-report" component={OfflineReportScreen} />
      <Route path="/offline-exceptions" component={OfflineExceptionsScreen} />
      <Route path="/admin" nest>
        <AdminScreens />
      </Route>
      {/* Import moved under Administration; an old bookmark still finds it. */}
      <Route path="/imports">
        <Redirect to="/admin/import" replace />
      </Route>
      <Route component={NotFoundScreen} />
    </Switch>
  );
}
