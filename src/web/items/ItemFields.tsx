// The fields of an item, for adding one and for editing one: title, author, call number, material
// type and owning branch. The choices come from GET /api/record-choices.
import type { RecordChoices } from '../../shared/api/patrons.ts';

export interface ItemFieldValues {
  title: string;
  author: string;
  callNumber: string;
  materialType: string;
  branch: string;
}

export function ItemFields({
  values,
  choices,
  onChange,
}: {
  values: ItemFieldValues;
  choices: RecordChoices;
  onChange(values: ItemFieldValues): void;
}) {
  const set = (field: keyof ItemFieldValues) => (value: string) =>
    onChange({ ...values, [field]: value });
  return (
    <>
      <label>
        <span>Title</span>
        <input
          value={values.title}
          maxLength={500}
          onChange={(event) => set('title')(event.target.value)}
        />
      </label>
      <label>
        <span>Author</span>
        <input
          value={values.author}
          maxLength={300}
          onChange={(event) => set('author')(event.target.value)}
        />
      </label>
      <label>
        <span>Call number</span>
        <input
          value={values.callNumber}
          maxLength={100}
          onChange={(event) => set('callNumber')(event.target.value)}
        />
      </label>
      <label>
        <span>Material type</span>
        <select
          value={values.materialType}
          onChange={(event) => set('materialType')(event.target.value)}
        >
          {choices.materialTypes.map((type) => (
            <option key={type.code} value={type.code}>
              {type.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Owning branch</span>
        <select value={values.branch} onChange={(event) => set('branch')(event.target.value)}>
          {choices.branches.map((branch) => (
            <option key={branch.code} value={branch.code}>
              {branch.name}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
