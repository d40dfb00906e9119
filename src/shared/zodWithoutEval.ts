// Zod compiles fast object parsers with `new Function` where eval is allowed, and finds out by
// trying once. Under Circa's Content-Security-Policy (script-src 'self', no 'unsafe-eval') that
// try is refused and reported as a CSP violation, even though Zod recovers. The browser apps
// import this module first, so Zod never tries: a violation report always means a real problem.
import { z } from 'zod';

z.config({ jitless: true });
