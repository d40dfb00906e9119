// "Previous" and "Next" through a long list, with where we are ("201–300 of 1,250").
export interface PagerProps {
  offset: number;
  pageSize: number;
  total: number;
  /** What the list holds, e.g. "transactions". */
  noun: string;
  onChange(offset: number): void;
}

export function Pager({ offset, pageSize, total, noun, onChange }: PagerProps) {
  if (total <= pageSize && offset === 0) return null;
  const first = Math.min(offset + 1, total);
  const last = Math.min(offset + pageSize, total);
  const number = new Intl.NumberFormat();
  return (
    <nav className="pager" aria-label={`Pages of ${noun}`}>
      <button
        type="button"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - pageSize))}
      >
        Previous
      </button>
      <span>
        {number.format(first)}–{number.format(last)} of {number.format(total)} {noun}
      </span>
      <button
        type="button"
        disabled={offset + pageSize >= total}
        onClick={() => onChange(offset + pageSize)}
      >
        Next
      </button>
    </nav>
  );
}
