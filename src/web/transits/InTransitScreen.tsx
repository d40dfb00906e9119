// In transit: items on their way to this branch (check each in when it arrives: that receives it)
// and items this branch sent that have not yet been received where they went.
import type { TransitList, TransitView } from '../../shared/api/holds.ts';
import { formatDate } from '../../shared/calendar/formatDates.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { CaptionedTable } from '../components/CaptionedTable.tsx';
import { ItemLink } from '../components/LoanTable.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { CheckInTabs } from '../holdShelf/CheckInTabs.tsx';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { NotFoundScreen } from '../screens/NotFoundScreen.tsx';

export function InTransitScreen() {
  const session = useSession();
  if (!may(session, 'transit.read')) return <NotFoundScreen />;
  return <InTransit />;
}

function InTransit() {
  const [transits] = useLoad(() => api.getTransits());
  return (
    <main className="screen" aria-labelledby="in-transit-title">
      <CheckInTabs />
      <h1 id="in-transit-title">In transit</h1>
      <p className="muted">
        {transits.status === 'loaded'
          ? `Items travelling to and from ${transits.data.branch.name}. Check in an incoming item when it arrives: that receives it.`
          : 'Items travelling to and from this branch.'}
      </p>
      {transits.status === 'loading' ? (
        <p className="muted">Loading the items in transit…</p>
      ) : null}
      {transits.status === 'failed' ? <LoadError>{describeError(transits.error)}</LoadError> : null}
      {transits.status === 'loaded' ? <TransitLists transits={transits.data} /> : null}
    </main>
  );
}

function TransitLists({ transits }: { transits: TransitList }) {
  const timeZone = transits.branch.timeZone;
  return (
    <>
      <TransitTable
        caption="Incoming"
        direction="from"
        transits={transits.incoming}
        timeZone={timeZone}
        empty="Nothing is on its way to this branch."
      />
      <TransitTable
        caption="Outgoing"
        direction="to"
        transits={transits.outgoing}
        timeZone={timeZone}
        empty="Nothing sent from this branch waits to be received."
      />
    </>
  );
}

const REASONS: Record<TransitView['reason'], string> = {
  hold: 'For a hold',
  home: 'Going home',
};

function TransitTable({
  caption,
  direction,
  transits,
  timeZone,
  empty,
}: {
  caption: string;
  /** Incoming items show where they come from; outgoing ones where they go. */
  direction: 'from' | 'to';
  transits: readonly TransitView[];
  timeZone: string;
  empty: string;
}) {
  return (
    <CaptionedTable
      caption={caption}
      columns={['Title', 'Item barcode', direction === 'from' ? 'From' : 'To', 'Reason', 'Sent']}
      isEmpty={transits.length === 0}
      empty={empty}
      heading="h2"
    >
      {transits.map((transit) => (
        <tr key={transit.id}>
          <td>
            <ItemLink barcode={transit.item.barcode}>{transit.item.title}</ItemLink>
          </td>
          <td className="barcode">{transit.item.barcode}</td>
          <td>{(direction === 'from' ? transit.fromBranch : transit.toBranch).name}</td>
          <td>{REASONS[transit.reason]}</td>
          <td>{formatDate(transit.sentAt, timeZone)}</td>
        </tr>
      ))}
    </CaptionedTable>
  );
}
