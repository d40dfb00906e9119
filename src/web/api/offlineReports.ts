// The staff app's endpoints for offline uploads: the list, each upload's report, the report by
// workstation and day (JSON and CSV), gaps, the exceptions queue, and uploading a file.
// Spread into the client by client.ts, so every call goes through the one `request`.
import { z } from 'zod';
import {
  ExceptionList,
  ExceptionResult,
  OfflineReport,
  OfflineUpload,
  OfflineUploadDetail,
  OfflineUploadResult,
  SequenceReport,
  type RegistrationDecision,
  type RegistrationDecisionRequest,
  type DismissExceptionRequest,
  type OfflineTransactionStatus,
  type ReapplyExceptionRequest,
} from '../../shared/api/offline.ts';
import type { ServerRequest } from '../../browser/server/serverClient.ts';
import {
  fetchWithUploadProgress,
  type UploadProgress,
} from '../../browser/server/uploadProgress.ts';

export const OfflineUploadList = z.object({ uploads: z.array(OfflineUpload) });
export type OfflineUploadList = z.infer<typeof OfflineUploadList>;

/** Which transactions a report shows; every field is optional. */
export interface ReportFilter {
  uploadId?: number;
  workstation?: string;
  /** 'YYYY-MM-DD' in the branch's time zone. */
  day?: string;
  outcome?: OfflineTransactionStatus;
  /** 'supervisor': for supervisor review; 'lent_anyway': lent to a card the block list named. */
  review?: ReportReview;
  /** One sending: its workstation's sequence numbers from and to. */
  fromSequence?: number;
  toSequence?: number;
}

export type ReportReview = 'supervisor' | 'lent_anyway';

export interface Page {
  limit: number;
  offset: number;
}

/** The query string for a report filter and page, leaving out what is not set. */
export function reportQuery(filter: ReportFilter, page?: Page): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.uploadId !== undefined) query.set('uploadId', String(filter.uploadId));
  if (filter.workstation) query.set('workstation', filter.workstation);
  if (filter.day) query.set('day', filter.day);
  if (filter.outcome) query.set('outcome', filter.outcome);
  if (filter.review) query.set('review', filter.review);
  if (filter.fromSequence !== undefined) query.set('fromSequence', String(filter.fromSequence));
  if (filter.toSequence !== undefined) query.set('toSequence', String(filter.toSequence));
  if (page) {
    query.set('limit', String(page.limit));
    query.set('offset', String(page.offset));
  }
  return query;
}

/** Where the report downloads as CSV: a plain link, so the browser saves the file itself. */
export function reportCsvHref(filter: ReportFilter): string {
  const query = reportQuery(filter).toString();
  return query === '' ? '/api/offline/report.csv' : `/api/offline/report.csv?${query}`;
}

export function offlineReportEndpoints(request: ServerRequest) {
  return {
    async listOfflineUploads(page: Page): Promise<OfflineUploadList> {
      const query = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
      return request('GET', `/api/offline/uploads?${query}`, OfflineUploadList);
    },

    async getOfflineUpload(
      id: number,
      filter: Pick<ReportFilter, 'outcome' | 'review'>,
      page: Page,
    ): Promise<OfflineUploadDetail> {
      const query = reportQuery(filter, page);
      return request('GET', `/api/offline/uploads/${id}?${query}`, OfflineUploadDetail);
    },

    async getOfflineReport(filter: ReportFilter, page: Page): Promise<OfflineReport> {
      return request('GET', `/api/offline/report?${reportQuery(filter, page)}`, OfflineReport);
    },

    async getOfflineGaps(): Promise<SequenceReport> {
      return request('GET', '/api/offline/gaps', SequenceReport);
    },

    /** Supervisors and admins. */
    async listOfflineExceptions(state: 'open' | 'all', page: Page): Promise<ExceptionList> {
      const query = new URLSearchParams({
        state,
        limit: String(page.limit),
        offset: String(page.offset),
      });
      return request('GET', `/api/offline/exceptions?${query}`, ExceptionList);
    },

    /** Supervisors and admins: through the processing rules again, with corrected barcodes. */
    async reapplyOfflineException(
      id: string,
      correction: ReapplyExceptionRequest,
    ): Promise<ExceptionResult> {
      const path = `/api/offline/exceptions/${encodeURIComponent(id)}/reapply`;
      return request('POST', path, ExceptionResult, correction);
    },

    /** Supervisors and admins. */
    async dismissOfflineException(
      id: string,
      dismissal: DismissExceptionRequest,
    ): Promise<ExceptionResult> {
      const path = `/api/offline/exceptions/${encodeURIComponent(id)}/dismiss`;
      return request('POST', path, ExceptionResult, dismissal);
    },

    /** Supervisors and admins: merge or confirm a registration held as an exception. */
    async decideOfflineRegistration(
      id: string,
      decision: RegistrationDecision,
    ): Promise<ExceptionResult> {
      const path = `/api/offline/exceptions/${encodeURIComponent(id)}/registration`;
      const body: RegistrationDecisionRequest = { decision };
      return request('POST', path, ExceptionResult, body);
    },

    /**
     * Supervisors and admins: a circa-offline backup or a Koha .koc file, sent as it is (the server
     * tells the kind from the content). `onProgress` hears how much of the file has gone.
     */
    async uploadOfflineFile(
      file: Blob,
      {
        fileName,
        onProgress,
      }: { fileName?: string; onProgress?: (progress: UploadProgress) => void },
    ): Promise<OfflineUploadResult> {
      const query = fileName ? `?${new URLSearchParams({ fileName: fileName.slice(0, 255) })}` : '';
      return request('POST', `/api/offline/files${query}`, OfflineUploadResult, file, {
        rawContentType: 'text/plain',
        fetch: onProgress ? fetchWithUploadProgress(onProgress) : undefined,
      });
    },
  };
}
