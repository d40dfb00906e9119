// One labelled barcode field. A scanner types the barcode and Enter; Enter hands the barcode on at
// once and clears the field, so the next scan can follow without waiting for the server. Escape
// clears what was typed.
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { SCAN_FIELD_ATTRIBUTE } from '../lib/focusNextScan.ts';

export interface BarcodeFormHandle {
  focus(): void;
  /** Puts a barcode back into the field, selected, so a mistyped one can be corrected. */
  restore(barcode: string): void;
}

interface BarcodeFormProps {
  label: string;
  onScan(barcode: string): void;
  autoFocus?: boolean;
  /** The submit button's words; scanners press Enter, keyboard users may click. */
  submitLabel: string;
  hint?: string;
  /** The field takes no scan, e.g. "Item barcode" for a card that may not borrow. */
  disabled?: boolean;
  ref?: Ref<BarcodeFormHandle>;
}

export function BarcodeForm({
  label,
  onScan,
  autoFocus,
  submitLabel,
  hint,
  disabled,
  ref,
}: BarcodeFormProps) {
  const [value, setValue] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  useImperativeHandle(
    ref,
    () => ({
      focus: () => inputRef.current?.focus(),
      restore: (barcode) => {
        setValue(barcode);
        // After React has put the value in, so the whole barcode is selected.
        requestAnimationFrame(() => inputRef.current?.select());
      },
    }),
    [],
  );

  return (
    <form
      className="barcode-form"
      onSubmit={(event) => {
        event.preventDefault();
        const barcode = value.trim();
        setValue('');
        inputRef.current?.focus();
        if (barcode !== '') onScan(barcode);
      }}
    >
      <label>
        <span className="barcode-form__label">{label}</span>
        <input
          ref={inputRef}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && value !== '') {
              event.preventDefault();
              setValue('');
            }
          }}
          {...{ [SCAN_FIELD_ATTRIBUTE]: '' }}
          autoFocus={autoFocus}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          inputMode="text"
          enterKeyHint="go"
          maxLength={64}
          disabled={disabled}
        />
      </label>
      <button type="submit" disabled={disabled}>
        {submitLabel}
      </button>
      {hint ? <p className="barcode-form__hint">{hint}</p> : null}
    </form>
  );
}
