import { describe, expect, it } from 'vitest';
import {
  ApiRequestError,
  ServerUnreachableError,
  UnreadableAnswerError,
} from '../server/errors.ts';
import { SendFailure } from './sendFailure.ts';
import { sendFailureFor } from './transport.ts';

describe('sendFailureFor', () => {
  it('turns each typed error of the door into the reason a sending stops', () => {
    const offline = new TypeError('Failed to fetch');
    expect(sendFailureFor(new ServerUnreachableError(offline))).toMatchObject({
      reason: 'UNREACHABLE',
      cause: offline,
    });
    expect(sendFailureFor(new UnreadableAnswerError('POST', '/x', 200))).toMatchObject({
      reason: 'UNREADABLE_ANSWER',
      status: 200,
    });
    expect(
      sendFailureFor(new ApiRequestError('UNAUTHENTICATED', 'Sign in.', 401, undefined, true)),
    ).toMatchObject({ reason: 'SIGNED_OUT', message: expect.stringMatching(/staff app/) });
    expect(
      sendFailureFor(new ApiRequestError('BAD_REQUEST', 'No.', 400, undefined, true)),
    ).toMatchObject({ reason: 'REFUSED', status: 400, message: 'No.' });
    const failure = new SendFailure('STORAGE', 'Disk.');
    expect(sendFailureFor(failure)).toBe(failure);
  });

  it('uses its own words for a server error the server did not word itself', () => {
    const guessed = new ApiRequestError('INTERNAL', 'The server is not answering.', 502);
    expect(sendFailureFor(guessed)).toMatchObject({
      reason: 'SERVER_ERROR',
      status: 502,
      message: expect.stringMatching(/did not store these transactions/),
    });
  });
});
