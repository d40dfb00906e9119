// The administration pages under /admin (nested routes, so each path here is relative to it).
// Supervisors and administrators reach them; the server refuses everyone else anyway.
import { Redirect, Route, Switch } from 'wouter';
import { ImportScreen } from '../imports/ImportScreen.tsx';
import { NotFoundScreen } from '../screens/NotFoundScreen.tsx';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { AuditLogScreen } from './AuditLogScreen.tsx';
import { BarcodeRulesScreen } from './BarcodeRulesScreen.tsx';
import { BranchesScreen } from './BranchesScreen.tsx';
import { LibrarySettingsScreen } from './LibrarySettingsScreen.tsx';
import { LoanRulesAdminScreen } from './LoanRulesAdminScreen.tsx';
import { MaterialTypesScreen } from './MaterialTypesScreen.tsx';
import { PatronTypesScreen } from './PatronTypesScreen.tsx';
import { StaffUsersScreen } from './StaffUsersScreen.tsx';
import { WorkstationsScreen } from './WorkstationsScreen.tsx';

export function AdminScreens() {
  const session = useSession();
  if (!may(session, 'admin.read')) return <NotFoundScreen />;
  return (
    <Switch>
      <Route path="/">
        <Redirect to="/library" replace />
      </Route>
      <Route path="/library" component={LibrarySettingsScreen} />
      <Route path="/branches" component={BranchesScreen} />
      <Route path="/staff-users" component={StaffUsersScreen} />
      <Route path="/workstations" component={WorkstationsScreen} />
      <Route path="/patron-types" component={PatronTypesScreen} />
      <Route path="/material-types" component={MaterialTypesScreen} />
      <Route path="/loan-rules" component={LoanRulesAdminScreen} />
      <Route path="/barcode-rules" component={BarcodeRulesScreen} />
      <Route path="/import" component={ImportScreen} />
      <Route path="/audit-log" component={AuditLogScreen} />
      <Route component={NotFoundScreen} />
    </Switch>
  );
}
