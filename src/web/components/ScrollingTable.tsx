// A table wider than the screen scrolls sideways inside a region that keyboard users can reach
// (Tab stops on it, arrow keys scroll it) and that screen readers name by the table's caption.
import { useId, type ReactNode } from 'react';

export function ScrollingTable({
  caption,
  className,
  children,
}: {
  caption: string;
  className?: string;
  /** The table's head and body; the caption is given above. */
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={className}>
        <caption id={captionId}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
