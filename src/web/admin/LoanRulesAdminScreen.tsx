// Loan rules to administer: for each patron type and material type, library-wide or for one
// branch, the loan days, the most items out and the renewals allowed. A change applies to the next
// loan, and reaches offline clients with their next snapshot.
import { useState } from 'react';
import {
  LoanRuleChange,
  NewLoanRule,
  type AdminLoanRuleList,
} from '../../shared/api/administration.ts';
import type { LoanRule } from '../../shared/api/library.ts';
import { api } from '../api/client.ts';
import { useRemote } from '../offlineReports/useRemote.ts';
import { AddRecordButton } from './AddRecordButton.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { Field, numberFrom, RecordForm } from './RecordForm.tsx';
import { RecordTable } from './RecordTable.tsx';
import { useAdminList } from './useAdminList.ts';

const EVERY_BRANCH = '';

export function LoanRulesAdminScreen() {
  const { canManage, list, editing, open, close, reload, saved } = useAdminList<
    AdminLoanRuleList,
    { rule: LoanRule; form: 'change' | 'delete' }
  >('loan-rules', 'loanRules.manage', () => api.listAdminLoanRules());

  return (
    <AdminPage
      id="admin-loan-rules"
      title="Loan rules"
      intro="How long each patron type may borrow each material type, how many at once, and how often a loan may be renewed. A rule for one branch replaces the library-wide rule there. Changes apply to the next loan; loans already made keep their due dates."
    >
      <AddRecordButton
        canManage={canManage}
        label="Add loan rule"
        onClick={() => open({ kind: 'new' })}
      />
      {editing?.kind === 'new' ? (
        <NewLoanRuleForm onSaved={saved} onCancel={() => close()} />
      ) : null}
      {editing?.kind === 'edit' && editing.record.form === 'change' ? (
        <LoanRuleForm rule={editing.record.rule} onSaved={saved} onCancel={() => close()} />
      ) : null}
      {editing?.kind === 'edit' && editing.record.form === 'delete' ? (
        <RecordForm
          title={`Delete ${describeRule(editing.record.rule)}?`}
          submitLabel="Delete loan rule"
          onSubmit={async () => {
            await api.deleteLoanRule(editing.record.rule.id);
            reload();
            close({ removed: true });
          }}
          onCancel={() => close()}
        >
          <p>
            Loans already made keep their due dates. Without a rule for this patron type and
            material type{editing.record.rule.branch ? ' at this branch' : ''}, the next loan uses
            the library-wide rule, or is refused when there is none.
          </p>
        </RecordForm>
      ) : null}
      <ListState remote={list} noun="loan rules" />
      {list.data ? (
        list.data.loanRules.length === 0 ? (
          <p className="muted">No loan rules are set up: nothing can be lent until there is one.</p>
        ) : (
          <RecordTable
            caption="Loan rules"
            columns={[
              { header: 'Patron type', cell: (rule) => rule.patronType.name },
              { header: 'Material type', cell: (rule) => rule.materialType.name },
              {
                header: 'Branch',
                cell: (rule) => (rule.branch ? rule.branch.name : 'All branches'),
              },
              { header: 'Loan days', cell: (rule) => rule.loanDays },
              { header: 'Most items out', cell: (rule) => rule.maxItems },
              { header: 'Renewals', cell: (rule) => rule.renewalsAllowed },
            ]}
            records={list.data.loanRules}
            actions={
              canManage
                ? (rule) => [
                    {
                      label: 'Edit',
                      name: `Edit ${describeRule(rule)}`,
                      onClick: () => open({ kind: 'edit', record: { rule, form: 'change' } }),
                    },
                    {
                      label: 'Delete',
                      name: `Delete ${describeRule(rule)}`,
                      onClick: () => open({ kind: 'edit', record: { rule, form: 'delete' } }),
                    },
                  ]
                : undefined
            }
          />
        )
      ) : null}
    </AdminPage>
  );
}

function describeRule(rule: LoanRule): string {
  const where = rule.branch ? `at ${rule.branch.name}` : 'at all branches';
  return `the rule for ${rule.patronType.name} borrowing ${rule.materialType.name} ${where}`;
}

function Limits({
  loanDays,
  setLoanDays,
  maxItems,
  setMaxItems,
  renewals,
  setRenewals,
}: {
  loanDays: string;
  setLoanDays(value: string): void;
  maxItems: string;
  setMaxItems(value: string): void;
  renewals: string;
  setRenewals(value: string): void;
}) {
  return (
    <>
      <Field
        label="Loan days"
        hint="1 to 3650. A due date on a closed day moves to the next open day."
      >
        <input inputMode="numeric" value={loanDays} onChange={(e) => setLoanDays(e.target.value)} />
      </Field>
      <Field label="Most items out" hint="Of this material type at once; 0 lends none.">
        <input inputMode="numeric" value={maxItems} onChange={(e) => setMaxItems(e.target.value)} />
      </Field>
      <Field label="Renewals allowed" hint="How many times a loan may be renewed; 0 for none.">
        <input inputMode="numeric" value={renewals} onChange={(e) => setRenewals(e.target.value)} />
      </Field>
    </>
  );
}

function NewLoanRuleForm({ onSaved, onCancel }: { onSaved(): void; onCancel(): void }) {
  const patronTypes = useRemote('patron-types', () => api.listPatronTypes());
  const materialTypes = useRemote('material-types', () => api.listMaterialTypes());
  const branches = useRemote('branches', () => api.listAdminBranches());
  const [patronTypeCode, setPatronTypeCode] = useState('');
  const [materialTypeCode, setMaterialTypeCode] = useState('');
  const [branchCode, setBranchCode] = useState(EVERY_BRANCH);
  const [loanDays, setLoanDays] = useState('21');
  const [maxItems, setMaxItems] = useState('10');
  const [renewals, setRenewals] = useState('2');

  async function submit() {
    const rule = parseOrThrow(NewLoanRule, {
      patronTypeCode,
      materialTypeCode,
      branchCode: branchCode === EVERY_BRANCH ? null : branchCode,
      loanDays: numberFrom(loanDays),
      maxItems: numberFrom(maxItems),
      renewalsAllowed: numberFrom(renewals),
    });
    await api.createLoanRule(rule);
    onSaved();
  }

  return (
    <RecordForm
      title="Add a loan rule"
      submitLabel="Add loan rule"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label="Patron type">
        <select value={patronTypeCode} onChange={(e) => setPatronTypeCode(e.target.value)}>
          <option value="">Choose a patron type</option>
          {(patronTypes.data?.patronTypes ?? []).map((type) => (
            <option key={type.id} value={type.code}>
              {type.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Material type">
        <select value={materialTypeCode} onChange={(e) => setMaterialTypeCode(e.target.value)}>
          <option value="">Choose a material type</option>
          {(materialTypes.data?.materialTypes ?? []).map((type) => (
            <option key={type.id} value={type.code}>
              {type.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Branch" hint="Every branch, or one branch whose own rule replaces it there.">
        <select value={branchCode} onChange={(e) => setBranchCode(e.target.value)}>
          <option value={EVERY_BRANCH}>Every branch</option>
          {(branches.data?.branches ?? []).map((branch) => (
            <option key={branch.id} value={branch.code}>
              {branch.name}
            </option>
          ))}
        </select>
      </Field>
      <Limits
        loanDays={loanDays}
        setLoanDays={setLoanDays}
        maxItems={maxItems}
        setMaxItems={setMaxItems}
        renewals={renewals}
        setRenewals={setRenewals}
      />
    </RecordForm>
  );
}

function LoanRuleForm({
  rule,
  onSaved,
  onCancel,
}: {
  rule: LoanRule;
  onSaved(): void;
  onCancel(): void;
}) {
  const [loanDays, setLoanDays] = useState(String(rule.loanDays));
  const [maxItems, setMaxItems] = useState(String(rule.maxItems));
  const [renewals, setRenewals] = useState(String(rule.renewalsAllowed));

  async function submit() {
    const change = parseOrThrow(LoanRuleChange, {
      loanDays: numberFrom(loanDays),
      maxItems: numberFrom(maxItems),
      renewalsAllowed: numberFrom(renewals),
    });
    await api.changeLoanRule(rule.id, change);
    onSaved();
  }

  return (
    <RecordForm
      title={`Change ${describeRule(rule)}`}
      submitLabel="Save loan rule"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Limits
        loanDays={loanDays}
        setLoanDays={setLoanDays}
        maxItems={maxItems}
        setMaxItems={setMaxItems}
        renewals={renewals}
        setRenewals={setRenewals}
      />
    </RecordForm>
  );
}
