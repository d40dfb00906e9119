// What an administration list shows before it has its rows: loading, or why it could not load.
import { describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import type { Remote } from '../offlineReports/useRemote.ts';

export function ListState<T>({ remote, noun }: { remote: Remote<T>; noun: string }) {
  if (remote.error) return <LoadError>{describeError(remote.error)}</LoadError>;
  if (remote.data === undefined) return <p className="muted">Loading the {noun}…</p>;
  return null;
}
