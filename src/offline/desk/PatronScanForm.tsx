// The patron and item barcode fields of Check Out and Renew, side by side: Enter in each submits it.
import type { PatronVisitForm } from './usePatronVisit.ts';

export function PatronScanForm(props: {
  form: Pick<
    PatronVisitForm,
    | 'patronInput'
    | 'setPatronInput'
    | 'itemInput'
    | 'setItemInput'
    | 'patronField'
    | 'itemField'
    | 'submitPatron'
    | 'submitItem'
  >;
  /** Prefix of the fields' ids, so each screen's fields keep their own. */
  idPrefix: string;
  /** Items are recorded for this patron: the card stays until Complete. */
  patronLocked: boolean;
  itemsAllowed: boolean;
}) {
  const { form, idPrefix, patronLocked, itemsAllowed } = props;
  const { patronField, itemField } = form;
  return (
    <div className="scan-form">
      <form onSubmit={form.submitPatron} className="field">
        <label htmlFor={`${idPrefix}patron-barcode`}>Patron barcode</label>
        <input
          id={`${idPrefix}patron-barcode`}
          ref={patronField}
          autoComplete="off"
          autoFocus
          value={form.patronInput}
          readOnly={patronLocked}
          onChange={(event) => form.setPatronInput(event.target.value)}
        />
      </form>
      <form onSubmit={form.submitItem} className="field">
        <label htmlFor={`${idPrefix}item-barcode`}>Item barcode</label>
        <input
          id={`${idPrefix}item-barcode`}
          ref={itemField}
          autoComplete="off"
          disabled={!itemsAllowed}
          value={form.itemInput}
          onChange={(event) => form.setItemInput(event.target.value)}
        />
      </form>
    </div>
  );
}
