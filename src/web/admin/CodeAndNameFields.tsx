// The code and name every coded record (branch, patron type, material type) is added with. The
// code is asked only when adding: other records and import files refer to it, so it never changes.
import { Field } from './RecordForm.tsx';

export function CodeAndNameFields({
  adding,
  code,
  setCode,
  codeHint,
  name,
  setName,
}: {
  /** True in an Add form; a Change form shows the name alone. */
  adding: boolean;
  code: string;
  setCode(code: string): void;
  codeHint: string;
  name: string;
  setName(name: string): void;
}) {
  return (
    <>
      {adding ? (
        <Field label="Code" hint={codeHint}>
          <input value={code} maxLength={20} onChange={(e) => setCode(e.target.value)} />
        </Field>
      ) : null}
      <Field label="Name">
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </Field>
    </>
  );
}
