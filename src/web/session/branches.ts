// Which time zone a loan's dates are shown in: that of the branch that lent it. Loans name their
// branch by code; the branch list (loaded once per page load) gives its zone. Until it has loaded,
// or for a branch it lacks, the workstation's branch stands in: nearly every loan seen at a desk
// was made at that desk's branch.
import type { Loan } from '../../shared/api/circulation.ts';
import type { BranchList } from '../../shared/api/library.ts';
import { api } from '../api/client.ts';
import { useLoad } from '../lib/useLoad.ts';
import { useSession } from './SessionContext.tsx';

let branchList: Promise<BranchList> | null = null;

/** The branch list, fetched once and shared; a failed fetch is tried again next time. */
function loadBranches(): Promise<BranchList> {
  branchList ??= api.getBranches().catch((error: unknown) => {
    branchList = null;
    throw error;
  });
  return branchList;
}

export function useLoanTimeZone(): (loan: Loan) => string {
  const session = useSession();
  const [branches] = useLoad(loadBranches);
  const here = session.workstation?.branch ?? session.user.branch;
  const known = new Map(
    [
      session.user.branch,
      here,
      ...(branches.status === 'loaded' ? branches.data.branches : []),
    ].map((branch) => [branch.code, branch.timeZone]),
  );
  return (loan) => known.get(loan.branchCode) ?? here.timeZone;
}
