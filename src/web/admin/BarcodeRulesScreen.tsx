// Barcode rules: what a patron card's and an item's barcode look like (length, prefix, check
// digit). Check Out refuses a scan that breaks them before asking the server, offline clients get
// them with their next snapshot, and registration and imports check new barcodes against them.
import { useState } from 'react';
import { BarcodeRulesInput } from '../../shared/api/administration.ts';
import type { BarcodeKind, BarcodeRule, BarcodeRules } from '../../shared/barcodes/barcodes.ts';
import { api } from '../api/client.ts';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { Field, numberFrom, RecordForm } from './RecordForm.tsx';
import { useAdminList } from './useAdminList.ts';

const KIND_NAMES: Record<BarcodeKind, string> = { patron: 'Patron cards', item: 'Items' };
const KINDS: readonly BarcodeKind[] = ['patron', 'item'];

function describeRule(rule: BarcodeRule): string {
  const length = rule.length === null ? 'Any length' : `${rule.length} characters`;
  const prefix = rule.prefix === '' ? 'any start' : `starting with ${rule.prefix}`;
  const check = rule.checkDigit === 'mod10' ? 'digits with a mod-10 check digit' : 'no check digit';
  return `${length}, ${prefix}, ${check}`;
}

export function BarcodeRulesScreen() {
  const {
    canManage,
    list: rules,
    editing,
    open,
    close,
    saved,
  } = useAdminList<BarcodeRules, BarcodeRules>('barcode-rules', 'barcodeRules.manage', () =>
    api.getBarcodeRules(),
  );
  const current = rules.data;

  return (
    <AdminPage
      id="barcode-rules"
      title="Barcode rules"
      intro="What the library's barcodes look like. A scan that breaks its rule is refused at once, online and offline, so a misread never reaches a record. Barcodes already stored are not checked again."
    >
      <ListState remote={rules} noun="barcode rules" />
      {current ? (
        <dl className="facts">
          {KINDS.map((kind) => (
            <div key={kind}>
              <dt>{KIND_NAMES[kind]}</dt>
              <dd>{describeRule(current[kind])}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {canManage && current ? (
        <button
          type="button"
          className="button--primary"
          onClick={() => open({ kind: 'edit', record: current })}
        >
          Change barcode rules
        </button>
      ) : null}
      {editing?.kind === 'edit' ? (
        <BarcodeRulesForm rules={editing.record} onSaved={saved} onCancel={close} />
      ) : null}
    </AdminPage>
  );
}

interface RuleFields {
  length: string;
  prefix: string;
  checkDigit: BarcodeRule['checkDigit'];
}

function fieldsOf(rule: BarcodeRule): RuleFields {
  return {
    length: rule.length === null ? '' : String(rule.length),
    prefix: rule.prefix,
    checkDigit: rule.checkDigit,
  };
}

function ruleOf(fields: RuleFields) {
  return {
    length: fields.length.trim() === '' ? null : numberFrom(fields.length),
    prefix: fields.prefix.trim(),
    checkDigit: fields.checkDigit,
  };
}

function BarcodeRulesForm({
  rules,
  onSaved,
  onCancel,
}: {
  rules: BarcodeRules;
  onSaved(): void;
  onCancel(): void;
}) {
  const [fields, setFields] = useState({
    patron: fieldsOf(rules.patron),
    item: fieldsOf(rules.item),
  });

  function set(kind: BarcodeKind, change: Partial<RuleFields>) {
    setFields((current) => ({ ...current, [kind]: { ...current[kind], ...change } }));
  }

  async function submit() {
    const checked = parseOrThrow(BarcodeRulesInput, {
      patron: ruleOf(fields.patron),
      item: ruleOf(fields.item),
    });
    await api.changeBarcodeRules(checked);
    onSaved();
  }

  return (
    <RecordForm
      title="Change barcode rules"
      submitLabel="Save barcode rules"
      onSubmit={submit}
      onCancel={onCancel}
    >
      {KINDS.map((kind) => (
        <fieldset key={kind}>
          <legend>{KIND_NAMES[kind]}</legend>
          <div className="record-form__fields">
            <Field
              label={`${KIND_NAMES[kind]}: length`}
              hint="Characters, check digit included; empty for any length."
            >
              <input
                inputMode="numeric"
                value={fields[kind].length}
                onChange={(e) => set(kind, { length: e.target.value })}
              />
            </Field>
            <Field
              label={`${KIND_NAMES[kind]}: prefix`}
              hint="What every one starts with; empty for anything."
            >
              <input
                value={fields[kind].prefix}
                maxLength={16}
                onChange={(e) => set(kind, { prefix: e.target.value })}
              />
            </Field>
            <Field label={`${KIND_NAMES[kind]}: check digit`}>
              <select
                value={fields[kind].checkDigit}
                onChange={(e) =>
                  set(kind, { checkDigit: e.target.value === 'mod10' ? 'mod10' : 'none' })
                }
              >
                <option value="none">None</option>
                <option value="mod10">Mod-10 (Codabar library barcodes)</option>
              </select>
            </Field>
          </div>
        </fieldset>
      ))}
    </RecordForm>
  );
}
