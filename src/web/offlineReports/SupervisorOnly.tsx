// What staff without a supervisor account see on a supervisor page, instead of a refusal.
export function SupervisorOnly({ task }: { task: string }) {
  return (
    <p className="notice">
      You need a supervisor or administrator account to {task}. Ask a supervisor to do it, or to
      sign in on this workstation.
    </p>
  );
}
