// What each upload thread runs (workerThreads/uploadThreads.ts starts them): the outbox read and
// checked off the event loop. Not imported by the server itself, so tsconfig.server.json names it
// for the build.
export { readOutboxUpload as default } from '../commands/readOutboxUpload.ts';
