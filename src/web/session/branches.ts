// Which time zone a loan's dates are shown in: that of the branch that lent it. Loans name their
// branch by code; the branches this session knows (the workstation's and the staff member's) give
// the zone, and the workstation's branch stands in for any other.
import type { Loan } from '../../shared/api/circulation.ts';
import { useSession } from './SessionContext.tsx';

export function useLoanTimeZone(): (loan: Loan) => string {
  const session = useSession();
  const here = session.workstation?.branch ?? session.user.branch;
  const known = new Map(
    [session.user.branch, here].map((branch) => [branch.code, branch.timeZone]),
  );
  return (loan) => known.get(loan.branchCode) ?? here.timeZone;
}
