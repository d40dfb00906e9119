import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/errors.ts';
import type { ExceptionList, ExceptionResult } from '../../../shared/api/offline.ts';
import type { OfflineTransaction } from '../../../shared/offline/transaction.ts';
import {
  buildOfflineLibrary,
  offlineWorkstation,
  OUTAGE_START_MS,
  type OfflineLibrary,
} from '../../offline/fixtures.testing.ts';
import {
  createTestClock,
  startTestApi,
  type SignedInAgent,
  type TestApi,
} from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

const MINUTE_MS = 60_000;
const at = (minutes: number) => OUTAGE_START_MS + minutes * MINUTE_MS;
const BACK_ONLINE_MS = OUTAGE_START_MS + 86_400_000;

const decide = (agent: SignedInAgent, id: string, decision: string) =>
  agent.post(`/api/offline/exceptions/${id}/registration`, { decision });

describeEachEngine('supervisor decisions on offline registrations', (engine) => {
  let api: TestApi;
  let desk: SignedInAgent;
  let supervisor: SignedInAgent;
  let library: OfflineLibrary;
  let station: ReturnType<typeof offlineWorkstation>;
  beforeAll(async () => {
    api = await startTestApi(engine, { clock: createTestClock(BACK_ONLINE_MS) });
    desk = await api.signIn('desk', 'circulation');
    supervisor = await api.signIn('super', 'supervisor');
    library = await buildOfflineLibrary(api.db);
    station = offlineWorkstation({
      name: 'REG-DESK',
      branchCode: api.branch.code,
      staffUsername: 'desk',
    });
  });
  afterAll(() => api.dispose());

  const send = async (transactions: OfflineTransaction[]) => {
    // Sent as the offline client does: from the workstation that recorded them.
    await desk.put('/api/session/workstation', { name: 'REG-DESK' });
    const response = await desk.post('/api/offline/transactions', { transactions });
    expect(response.statusCode).toBe(200);
  };
  const exceptionFor = async (id: string) => {
    const list = (await supervisor.get('/api/offline/exceptions?state=all')).json<ExceptionList>();
    return list.exceptions.find((e) => e.id === id);
  };
  const loanOf = (itemId: number) =>
    api.db
      .selectFrom('loans')
      .selectAll()
      .where('item_id', '=', itemId)
      .where('returned_at', 'is', null)
      .executeTakeFirst();

  /** A registration held for `reason`, and a check-out to the new card held with it. */
  async function heldRegistration(card: string, name: string, email: string, minutes: number) {
    const item = await library.item();
    const registration = station.register({
      patronBarcode: card,
      name,
      patronTypeCode: library.patronType.code,
      email,
      occurredAt: at(minutes),
    });
    const loan = station.checkOut({
      patronBarcode: card,
      itemBarcode: item.barcode,
      occurredAt: at(minutes + 1),
    });
    await send([registration, loan]);
    expect(await exceptionFor(loan.id)).toMatchObject({ codes: ['WAITING_FOR_REGISTRATION'] });
    return { registration, loan, item };
  }

  it('merges a likely duplicate: the existing patron gets the new card and the held loan', async () => {
    const existing = await library.patron({
      name: 'Grace Hopper',
      email: 'grace@example.org',
      barcode: 'OLD-GRACE',
    });
    const { registration, loan, item } = await heldRegistration(
      'NEW-GRACE',
      'grace hopper',
      'Grace@example.org',
      1,
    );
    expect(await exceptionFor(registration.id)).toMatchObject({
      codes: ['LIKELY_DUPLICATE_PATRON'],
    });

    expect((await decide(desk, registration.id, 'merge')).statusCode).toBe(403);
    const wrong = await decide(supervisor, registration.id, 'lend_to_card_owner');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<ApiError>().error.message).toMatch(/not held as a card already in use/);

    const merged = await decide(supervisor, registration.id, 'merge');
    expect(merged.statusCode).toBe(200);
    const result = merged.json<ExceptionResult>().exception;
    expect(result).toMatchObject({ status: 'applied_with_warning' });
    expect(result.message).toBe(
      'Merged with patron Grace Hopper: card NEW-GRACE replaced card OLD-GRACE, which no longer works.',
    );
    expect(result.actions).toEqual([
      expect.objectContaining({
        action: 'merged_with_patron',
        staff: expect.objectContaining({ username: 'super' }),
      }),
    ]);
    const patron = await api.db
      .selectFrom('patrons')
      .selectAll()
      .where('id', '=', existing.id)
      .executeTakeFirstOrThrow();
    expect(patron.barcode).toBe('NEW-GRACE');
    expect(await loanOf(item.id)).toMatchObject({ patron_id: existing.id });
    expect(await exceptionFor(loan.id)).toMatchObject({
      status: 'applied',
      actions: [expect.objectContaining({ action: 'reapplied', reason: null })],
    });
    const audit = await api.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'patron.mergeOfflineRegistration')
      .execute();
    expect(audit).toHaveLength(1);

    // Decided once: a second decision is refused, and nothing is lent twice.
    expect((await decide(supervisor, registration.id, 'merge')).statusCode).toBe(409);
  });

  it('registers a likely duplicate as a new patron when the supervisor confirms it', async () => {
    const existing = await library.patron({
      name: 'Alan Turing',
      email: 'alan@example.org',
      barcode: 'OLD-ALAN',
    });
    const { registration, item } = await heldRegistration(
      'NEW-ALAN',
      'Alan Turing',
      'alan@example.org',
      10,
    );
    const confirmed = await decide(supervisor, registration.id, 'register_new_patron');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<ExceptionResult>().exception).toMatchObject({
      status: 'applied',
      message: 'Patron Alan Turing registered with card NEW-ALAN.',
      actions: [expect.objectContaining({ action: 'registered_new_patron', reason: null })],
    });
    const created = await api.db
      .selectFrom('patrons')
      .selectAll()
      .where('barcode', '=', 'NEW-ALAN')
      .executeTakeFirstOrThrow();
    expect(created.id).not.toBe(existing.id);
    expect(await loanOf(item.id)).toMatchObject({ patron_id: created.id });
  });

  it('lends the held loans to the patron who already has the card', async () => {
    const owner = await library.patron({ name: 'Edsger Dijkstra', barcode: 'TAKEN-1' });
    const { registration, loan, item } = await heldRegistration(
      'TAKEN-1',
      'Barbara Liskov',
      'barbara@example.org',
      20,
    );
    expect(await loanOf(item.id)).toBeUndefined();
    expect((await decide(supervisor, registration.id, 'merge')).statusCode).toBe(400);

    // The queue names the card's owner, so the supervisor can offer "Lend to Edsger Dijkstra".
    expect(await exceptionFor(registration.id)).toMatchObject({ patronName: owner.name });
    const lent = await decide(supervisor, registration.id, 'lend_to_card_owner');
    expect(lent.statusCode).toBe(200);
    expect(lent.json<ExceptionResult>().exception).toMatchObject({
      status: 'dismissed',
      actions: [expect.objectContaining({ action: 'lent_to_card_owner' })],
    });
    expect(await loanOf(item.id)).toMatchObject({ patron_id: owner.id });
    expect(await exceptionFor(loan.id)).toMatchObject({ status: 'applied' });
  });
});
