// A small disk of the test's own: an ext4 image on a loop device (the test runs as root, as CI
// does). A filler file makes it full; an ext4 error makes the kernel remount it read-only under the
// running server (errors=remount-ro), as a failing disk does; repair() is the administrator's fix.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface TinyDisk {
  /** Where the disk is mounted. */
  dir: string;
  /** Writes a filler file until the disk refuses more. */
  fill(): void;
  /** Deletes the filler: the disk has room again. */
  free(): void;
  /** An ext4 error: the kernel remounts the disk read-only, open files included. */
  failReadOnly(): void;
  /** Unmounts (nothing may have files open), checks the file system, mounts it writable again. */
  repair(): void;
  /** Unmounts and deletes the disk. */
  dispose(): void;
}

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: 'pipe' });

export function mountTinyDisk(sizeMiB: number): TinyDisk {
  if (process.getuid?.() !== 0) {
    throw new Error('The disk fault trials mount a loop device and must run as root (as CI does).');
  }
  const home = mkdtempSync(join(tmpdir(), 'circa-tiny-disk-'));
  const image = join(home, 'disk.img');
  const dir = join(home, 'mnt');
  mkdirSync(dir);
  writeFileSync(image, '');
  run('truncate', ['-s', `${sizeMiB}M`, image]);
  // No blocks reserved for root: the server (root here) must meet a really full disk.
  run('mkfs.ext4', ['-q', '-m', '0', image]);
  const mount = () => run('mount', ['-o', 'loop,errors=remount-ro', image, dir]);
  mount();
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      try {
        // Smaller and smaller writes, down to one byte, until not even that fits.
        for (let chunk = 1 << 20; chunk >= 1; chunk >>= 1) {
          const bytes = Buffer.alloc(chunk, 0x5a);
          try {
            for (;;) writeSync(fd, bytes);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
    failReadOnly() {
      const device = execFileSync('findmnt', ['-no', 'SOURCE', dir], { encoding: 'utf8' }).trim();
      writeFileSync(`/sys/fs/ext4/${basename(device)}/trigger_fs_error`, 'circa fault trial');
    },
    repair() {
      run('umount', [dir]);
      try {
        run('e2fsck', ['-fy', image]);
      } catch (error) {
        // Exit status 1: errors found and corrected, as after the triggered error.
        if ((error as { status?: number }).status !== 1) throw error;
      }
      mount();
    },
    dispose() {
      try {
        run('umount', [dir]);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    },
  };
}
