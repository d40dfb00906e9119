import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { StaffAction } from '../../shared/api/actions.ts';
import { useAdminList } from './useAdminList.ts';

const session = vi.hoisted(() => ({ actions: [] as string[] }));
vi.mock('../session/SessionContext.tsx', () => ({ useSession: () => session }));

function Probe({ manage }: { manage: StaffAction }) {
  const { canManage, list, editing } = useAdminList<string, number>('branches', manage, () =>
    Promise.resolve('rows'),
  );
  return (
    <p>
      {canManage ? 'may change' : 'may only read'}; {list.loading ? 'loading' : 'loaded'};{' '}
      {editing === null ? 'no form open' : 'a form open'}
    </p>
  );
}

describe('useAdminList', () => {
  it('lets change only those whose session allows the action, and starts loading, no form open', () => {
    session.actions = ['branches.manage'];
    expect(renderToStaticMarkup(<Probe manage="branches.manage" />)).toBe(
      '<p>may change; loading; no form open</p>',
    );
    expect(renderToStaticMarkup(<Probe manage="staffUsers.manage" />)).toBe(
      '<p>may only read; loading; no form open</p>',
    );
  });
});
