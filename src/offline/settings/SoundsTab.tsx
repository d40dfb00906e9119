// Sounds: whether this workstation plays the desk sounds (a buzz for a refused scan, a chime for
// one that needs a look). Saved at once in this browser; the staff app's user menu shares it.
import { useSyncExternalStore } from 'react';
import {
  deskSoundsOn,
  setDeskSoundsOn,
  subscribeDeskSettings,
} from '../../browser/desk/deskSettings.ts';
import { playDeskSound } from '../../browser/desk/deskSounds.ts';

export function SoundsTab() {
  const on = useSyncExternalStore(subscribeDeskSettings, () => deskSoundsOn());
  return (
    <div>
      <label className="choice">
        <input
          type="checkbox"
          checked={on}
          onChange={(event) => setDeskSoundsOn(event.target.checked)}
        />
        Play a sound when a scan is refused or needs a look
      </label>
      <p className="notice">
        Staff look at the patron, not the screen: the sound says when to look. This setting is kept
        for this workstation only.
      </p>
      <div className="actions">
        <button type="button" disabled={!on} onClick={() => playDeskSound('refusal')}>
          Play the refusal sound
        </button>
        <button type="button" disabled={!on} onClick={() => playDeskSound('warning')}>
          Play the warning sound
        </button>
      </div>
    </div>
  );
}
