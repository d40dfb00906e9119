// The offline client's side of sending: send when staff choose "Send now", and once by itself each
// time the heartbeat finds the server back with transactions waiting. When nobody is signed in, try
// again as soon as this tab has the focus back (staff will have signed in in the other tab). After
// a send that reached the server, the client reports its state; when the answer reopens sent
// transactions the server turns out to lack (a database failover: docs/failover.md), they are sent
// again at once, or at the end of the minute since the last such resend (resendReopened.ts).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Outbox } from '../../browser/outbox/outbox.ts';
import { onClientReported, reportAfterSend } from '../../browser/recovery/clientReporting.ts';
import type { ServerStatus } from '../../browser/server/heartbeat.ts';
import { sendOfflineTransactions, type SendResult } from '../../browser/sending/sendOutbox.ts';
import { resendReopenedInMs } from './resendReopened.ts';

export type SendingState =
  | { phase: 'idle' }
  | { phase: 'sending'; sent: number; total: number }
  | { phase: 'finished'; result: SendResult };

export interface SendingProps {
  outbox: Outbox;
  serverStatus: ServerStatus;
  /** Unsent transactions in this browser (all tabs). */
  unsent: number;
  /** Called after every sending, so the counts are read again. */
  onFinished: () => void;
}

export function useSending({ outbox, serverStatus, unsent, onFinished }: SendingProps) {
  const [state, setState] = useState<SendingState>({ phase: 'idle' });
  const sending = useRef(false);
  /** Set once the automatic sending was tried while the server is reachable; reset when it goes. */
  const triedThisTime = useRef(false);

  const send = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      const result = await sendOfflineTransactions({
        outbox,
        now: Date.now,
        onProgress: ({ sent, total }) => setState({ phase: 'sending', sent, total }),
      });
      setState(
        result.status === 'nothing-to-send' ? { phase: 'idle' } : { phase: 'finished', result },
      );
      // The server has transactions it lacked: tell it how this client stands, and hear back
      // what it now holds (the lost-transactions notice listens).
      if (result.sent > 0) void reportAfterSend({ installed: true });
    } finally {
      sending.current = false;
      onFinished();
    }
  }, [outbox, onFinished]);

  useEffect(() => {
    if (serverStatus === 'unreachable') triedThisTime.current = false;
    if (serverStatus !== 'reachable' || unsent === 0 || triedThisTime.current) return;
    triedThisTime.current = true;
    void send();
  }, [serverStatus, unsent, send]);

  const lastResendOfReopened = useRef<number | null>(null);
  /** A resend put off to the end of the minute; one is enough, whatever reopens meanwhile. */
  const resendLater = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const resend = () => {
      resendLater.current = null;
      lastResendOfReopened.current = Date.now();
      void send();
    };
    const stopListening = onClientReported((reported) => {
      if (reported.reopened === 0) return;
      onFinished();
      if (resendLater.current !== null) return;
      const waitMs = resendReopenedInMs(lastResendOfReopened.current, Date.now());
      if (waitMs === 0) resend();
      else resendLater.current = setTimeout(resend, waitMs);
    });
    return () => {
      stopListening();
      if (resendLater.current !== null) clearTimeout(resendLater.current);
      resendLater.current = null;
    };
  }, [send, onFinished]);

  const waitingForSignIn =
    state.phase === 'finished' && state.result.failure?.reason === 'SIGNED_OUT';
  useEffect(() => {
    if (!waitingForSignIn) return;
    const retry = () => void send();
    window.addEventListener('focus', retry);
    return () => window.removeEventListener('focus', retry);
  }, [waitingForSignIn, send]);

  const dismiss = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, send, dismiss };
}
