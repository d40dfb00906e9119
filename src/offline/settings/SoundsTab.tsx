// Sounds: whether this workstation plays the desk sounds (a buzz for a refused scan, a chime for
// one that needs a look), and the hold sound on its own (the staff app's Check In plays it when a
// returned item fills a hold). Saved at once in this browser; the staff app's user menu shares it.
import { useSyncExternalStore } from 'react';
import {
  deskSoundsOn,
  holdSoundOn,
  setDeskSoundsOn,
  setHoldSoundOn,
  subscribeDeskSettings,
} from '../../browser/desk/deskSettings.ts';
import { playDeskSound } from '../../browser/desk/deskSounds.ts';

export function SoundsTab() {
  const on = useSyncExternalStore(subscribeDeskSettings, () => deskSoundsOn());
  const holdOn = useSyncExternalStore(subscribeDeskSettings, () => holdSoundOn());
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
      <label className="choice">
        <input
          type="checkbox"
          checked={holdOn}
          onChange={(event) => setHoldSoundOn(event.target.checked)}
        />
        Hold sound: a chime when a returned item is to go on the hold shelf
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
        <button type="button" disabled={!on || !holdOn} onClick={() => playDeskSound('hold')}>
          Play the hold sound
        </button>
      </div>
    </div>
  );
}
