// The typed reasons a due date cannot be decided, so a screen can explain each one in plain words.

export type DueDateErrorCode =
  'NO_OPEN_DAY' | 'DATE_IN_PAST' | 'INVALID_DATE' | 'INVALID_TIME_ZONE' | 'INVALID_LOAN_DAYS';

export class DueDateError extends Error {
  override readonly name = 'DueDateError';
  readonly code: DueDateErrorCode;

  constructor(code: DueDateErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
