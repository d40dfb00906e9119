// Listens in on the desk sounds where the page makes them, at the Web Audio call, not the speaker:
// an init script wraps OscillatorNode.start and writes each tone's wave and pitch down, and the
// test names the sound from the app's own table of tones.
import type { BrowserContext, Page } from 'playwright-core';
import { DESK_SOUNDS, type DeskSound } from '../../src/browser/desk/deskSounds.ts';

interface StartedTone {
  type: string;
  hz: number;
}

/** Call before the pages to listen in on are loaded. */
export async function spyOnDeskSounds(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const started: StartedTone[] = [];
    (window as unknown as { circaTones: StartedTone[] }).circaTones = started;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
      started.push({ type: this.type, hz: this.frequency.value });
      start.call(this, when);
    };
  });
}

/** The desk sounds this page has played so far, in order. */
export async function deskSoundsPlayed(page: Page): Promise<DeskSound[]> {
  const tones = await page.evaluate(
    () => (window as unknown as { circaTones?: StartedTone[] }).circaTones ?? [],
  );
  const sounds: DeskSound[] = [];
  for (let i = 0; i < tones.length;) {
    const sound = (Object.keys(DESK_SOUNDS) as DeskSound[]).find((name) =>
      DESK_SOUNDS[name].every(
        (tone, k) => tones[i + k]?.type === tone.type && tones[i + k]?.hz === tone.hz,
      ),
    );
    if (sound === undefined)
      throw new Error(`A tone no desk sound makes: ${JSON.stringify(tones[i])}`);
    sounds.push(sound);
    i += DESK_SOUNDS[sound].length;
  }
  return sounds;
}

/** Counts the keys a test presses: each character typed is one, each chord (Alt+C) one. */
export class KeyCounter {
  count = 0;
  constructor(private readonly page: Page) {}

  async type(text: string): Promise<void> {
    this.count += text.length;
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    this.count += 1;
    await this.page.keyboard.press(key);
  }
}
