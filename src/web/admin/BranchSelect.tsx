// The branch picker of the staff user and workstation forms: the branches by name, starting on
// "Choose a branch" so nobody is put at a branch by default. Its value is the branch's id as text.
import type { Branch } from '../../shared/api/library.ts';

export function BranchSelect({
  branches,
  value,
  onChange,
  ...labelling
}: {
  branches: readonly Pick<Branch, 'id' | 'name'>[];
  value: string;
  onChange(branchId: string): void;
  /** Set by the Field around it, which labels it. */
  id?: string;
  'aria-describedby'?: string;
}) {
  return (
    <select {...labelling} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a branch</option>
      {branches.map((branch) => (
        <option key={branch.id} value={String(branch.id)}>
          {branch.name}
        </option>
      ))}
    </select>
  );
}
