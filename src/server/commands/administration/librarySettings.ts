// The library's own settings (name, offline loan period, what offline clients may do): read, and
// changed with an audit entry. The session answer, the offline snapshot and offline processing read
// them per request, so a change applies from the next one; the barcode rules are not touched here.
import type {
  LibrarySettingsChange,
  LibrarySettingsView,
} from '../../../shared/api/librarySettings.ts';
import { recordAudit } from '../../db/auditLog.ts';
import { getLibrarySettings, saveLibrarySettings } from '../../db/librarySettings.ts';
import { inChange, type AdminChangeProps } from './adminChange.ts';

type Settings = Awaited<ReturnType<typeof getLibrarySettings>>;

/** The settings as the page shows them: everything but the barcode rules. */
export function presentLibrarySettings(settings: Settings): LibrarySettingsView {
  return {
    libraryName: settings.libraryName,
    defaultLoanDays: settings.defaultLoanDays,
    offlineBlockedList: settings.offlineBlockedList,
    installOfflineClientAtSignIn: settings.installOfflineClientAtSignIn,
    offlineBlockListMaxAgeHours: settings.offlineBlockListMaxAgeHours,
    offlineRenewalRefusal: settings.offlineRenewalRefusal,
    offlineSpecialLoanMaxDays: settings.offlineSpecialLoanMaxDays,
    offlineOverridePolicy: settings.offlineOverridePolicy,
    holdShelfDays: settings.holdShelfDays,
    itemsFloat: settings.itemsFloat,
    loanHistoryDays: settings.loanHistoryDays,
  };
}

export async function changeLibrarySettings(
  props: AdminChangeProps & { settings: LibrarySettingsChange },
): Promise<LibrarySettingsView> {
  const { actor, at, settings } = props;
  return inChange(props.db, async (trx) => {
    const current = await getLibrarySettings(trx);
    const before = presentLibrarySettings(current);
    const saved = presentLibrarySettings(
      await saveLibrarySettings(trx, { ...current, ...settings }),
    );
    if (JSON.stringify(before) !== JSON.stringify(saved)) {
      await recordAudit(trx, {
        actor,
        at,
        action: 'librarySettings.update',
        subjectType: 'library_settings',
        subjectId: null,
        before,
        after: saved,
      });
    }
    return saved;
  });
}
