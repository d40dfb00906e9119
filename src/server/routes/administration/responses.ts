// The error answers every administration route may give, for the OpenAPI document.
import { ApiError } from '../../../shared/api/errors.ts';

export const READ_ERRORS = { 401: ApiError, 403: ApiError } as const;
export const CHANGE_ERRORS = {
  400: ApiError,
  401: ApiError,
  403: ApiError,
  404: ApiError,
  409: ApiError,
} as const;
