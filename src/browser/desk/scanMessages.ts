// What a scan's result says on either app's Check Out and Check In, and how loudly: a refusal
// (red, the refusal sound), a warning that needs a look (amber, the warning sound: "already on
// this card", an item to send in transit), a hold (the returned item fills a hold here: put it on
// the hold shelf; its own colour and chime) or a notice (amber, silent).
import { playDeskSound, type DeskSound } from './deskSounds.ts';

export type ScanTone = 'refusal' | 'warning' | 'hold' | 'notice';

export interface ScanMessage {
  /** Stable key for the history list. */
  id: string;
  text: string;
  tone: ScanTone;
}

/** Earlier messages kept in the history list; a desk's shift rarely needs more on screen. */
export const SCAN_HISTORY_LENGTH = 50;

const SOUNDS: Record<ScanTone, DeskSound | null> = {
  refusal: 'refusal',
  warning: 'warning',
  hold: 'hold',
  notice: null,
};

/** Plays the sound a message of this tone gets, if any (and if this workstation wants sounds). */
export function soundScanMessage(tone: ScanTone): void {
  const sound = SOUNDS[tone];
  if (sound !== null) playDeskSound(sound);
}

/** The list with `message` in front, the oldest dropped past SCAN_HISTORY_LENGTH + 1. */
export function withLatest<T extends ScanMessage>(messages: readonly T[], message: T): T[] {
  return [message, ...messages].slice(0, SCAN_HISTORY_LENGTH + 1);
}
