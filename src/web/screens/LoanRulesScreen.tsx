// Loan rules, read-only: how long each patron type may borrow each material type, how many at
// once, and how often a loan may be renewed. A branch's own rule beats the library-wide one.
import { useState } from 'react';
import type { LoanRule } from '../../shared/api/library.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { useLoad } from '../lib/useLoad.ts';

const ALL_BRANCHES = '';

export function LoanRulesScreen() {
  const [rules] = useLoad(() => api.getLoanRules());
  const [branchCode, setBranchCode] = useState(ALL_BRANCHES);

  return (
    <main className="screen" aria-labelledby="loan-rules-title">
      <h1 id="loan-rules-title">Loan rules</h1>
      <p className="muted">
        Loan days and the most items a patron may have out, per patron type and material type. A
        rule for one branch replaces the library-wide rule there.
      </p>
      {rules.status === 'loading' ? <p className="muted">Loading the loan rules…</p> : null}
      {rules.status === 'failed' ? <LoadError>{describeError(rules.error)}</LoadError> : null}
      {rules.status === 'loaded' ? (
        <>
          <BranchFilter rules={rules.data.loanRules} value={branchCode} onChange={setBranchCode} />
          <RulesTable
            rules={rules.data.loanRules.filter(
              (rule) =>
                branchCode === ALL_BRANCHES ||
                rule.branch === null ||
                rule.branch.code === branchCode,
            )}
          />
        </>
      ) : null}
    </main>
  );
}

function BranchFilter({
  rules,
  value,
  onChange,
}: {
  rules: readonly LoanRule[];
  value: string;
  onChange(code: string): void;
}) {
  const branches = new Map(
    rules.flatMap((rule) => (rule.branch ? [[rule.branch.code, rule.branch.name] as const] : [])),
  );
  if (branches.size === 0) return null;
  return (
    <div className="inline-form">
      <label>
        <span>Show rules for</span>
        <select value={value} onChange={(event) => onChange(event.target.value)}>
          <option value={ALL_BRANCHES}>Every branch</option>
          {[...branches].map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function RulesTable({ rules }: { rules: readonly LoanRule[] }) {
  if (rules.length === 0) return <p className="muted">No loan rules are set up.</p>;
  const sorted = rules.toSorted(
    (a, b) =>
      a.patronType.name.localeCompare(b.patronType.name) ||
      a.materialType.name.localeCompare(b.materialType.name) ||
      (a.branch?.name ?? '').localeCompare(b.branch?.name ?? ''),
  );
  return (
    <table className="loan-table">
      <caption>Loan rules</caption>
      <thead>
        <tr>
          <th scope="col">Patron type</th>
          <th scope="col">Material type</th>
          <th scope="col">Branch</th>
          <th scope="col">Loan days</th>
          <th scope="col">Most items out</th>
          <th scope="col">Renewals</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((rule) => (
          <tr key={rule.id}>
            <td>{rule.patronType.name}</td>
            <td>{rule.materialType.name}</td>
            <td>{rule.branch ? rule.branch.name : 'All branches'}</td>
            <td>{rule.loanDays}</td>
            <td>{rule.maxItems}</td>
            <td>{rule.renewalsAllowed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
