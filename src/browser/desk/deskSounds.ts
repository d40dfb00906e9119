// The desk's three sounds, made in the browser with Web Audio so there is no audio file to fetch or
// cache offline: a low double buzz when a scan is refused, a higher two-note chime when a scan went
// through but needs a look, and a rising three-note chime when a returned item fills a hold here
// (put it on the hold shelf). Staff watch the patron, not the screen, so the sound tells them to look.
import { deskSoundsOn, holdSoundOn } from './deskSettings.ts';

export type DeskSound = 'refusal' | 'warning' | 'hold';

interface Tone {
  type: OscillatorType;
  hz: number;
  /** From the start of the sound. */
  startS: number;
  lengthS: number;
}

/** Each sound's notes. Kept short (under half a second) so a quick series of scans stays clear. */
export const DESK_SOUNDS: Record<DeskSound, readonly Tone[]> = {
  refusal: [
    { type: 'square', hz: 220, startS: 0, lengthS: 0.12 },
    { type: 'square', hz: 220, startS: 0.18, lengthS: 0.12 },
  ],
  warning: [
    { type: 'sine', hz: 880, startS: 0, lengthS: 0.12 },
    { type: 'sine', hz: 660, startS: 0.14, lengthS: 0.16 },
  ],
  // Rising where the warning falls, and a triangle wave: heard apart from both others at once.
  hold: [
    { type: 'triangle', hz: 523, startS: 0, lengthS: 0.1 },
    { type: 'triangle', hz: 659, startS: 0.12, lengthS: 0.1 },
    { type: 'triangle', hz: 784, startS: 0.24, lengthS: 0.2 },
  ],
};

const VOLUME = 0.15;

let context: AudioContext | null = null;

/**
 * Plays a desk sound unless this workstation turned sounds off (or, for the hold chime, turned the
 * hold sound off); never throws.
 */
export function playDeskSound(sound: DeskSound): void {
  if (!deskSoundsOn()) return;
  if (sound === 'hold' && !holdSoundOn()) return;
  try {
    const Context = globalThis.AudioContext;
    if (Context === undefined) return;
    // One context for the page's life: browsers limit how many may exist.
    context ??= new Context();
    // A context made before any key press starts suspended; a scan's Enter is such a press.
    if (context.state === 'suspended') void context.resume();
    const now = context.currentTime;
    for (const tone of DESK_SOUNDS[sound]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = tone.type;
      oscillator.frequency.value = tone.hz;
      gain.gain.value = VOLUME;
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(now + tone.startS);
      oscillator.stop(now + tone.startS + tone.lengthS);
    }
  } catch {
    // A browser without sound output still lends: the message on screen says the same.
  }
}
