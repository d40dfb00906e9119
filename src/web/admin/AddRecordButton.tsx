// The button above an administration list that opens its Add form, shown only to those who may.
export function AddRecordButton({
  canManage,
  label,
  onClick,
}: {
  canManage: boolean;
  label: string;
  onClick(): void;
}) {
  if (!canManage) return null;
  return (
    <button type="button" className="button--primary" onClick={onClick}>
      {label}
    </button>
  );
}
