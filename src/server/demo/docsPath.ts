// Where the generated demo page lives, for the script that writes it and the test that checks it.
import { join } from 'node:path';

export const DEMO_DOCS_PATH = join(import.meta.dirname, '..', '..', '..', 'docs', 'demo.md');
