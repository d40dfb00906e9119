// The staff app's endpoints for administration: the library's set-up (branches, staff users,
// workstations, patron and material types, loan rules, barcode rules) and the audit log.
// Spread into the client by client.ts, so every call goes through the one `request`.
import { z } from 'zod';
import {
  AdminBranchList,
  AdminLoanRuleList,
  AuditLogPage,
  MaterialTypeList,
  MaterialTypeRecord,
  PatronTypeList,
  PatronTypeRecord,
  StaffUserList,
  StaffUserRecord,
  WorkstationList,
  WorkstationRecord,
  type BranchChange,
  type LoanRuleChange,
  type MaterialTypeChange,
  type NewBranch,
  type NewLoanRule,
  type NewMaterialType,
  type NewPatronType,
  type NewStaffUser,
  type PatronTypeChange,
  type StaffUserChange,
  type WorkstationInput,
} from '../../shared/api/administration.ts';
import { Branch, LoanRule } from '../../shared/api/library.ts';
import { BarcodeRules } from '../../shared/barcodes/barcodes.ts';
import type { ServerRequest } from '../../browser/server/serverClient.ts';

const NoContent = z.unknown();

/** Which audit log entries to show; every field is optional ('' is "any"). */
export interface AuditLogFilter {
  action?: string;
  subjectType?: string;
  subjectId?: string;
  actor?: string;
  /** 'YYYY-MM-DD' in the branch's time zone, inclusive. */
  from?: string;
  to?: string;
  offset?: number;
  limit?: number;
}

/** The query string for an audit log filter, leaving out what is not set. */
export function auditLogQuery(filter: AuditLogFilter): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** The address of one record, e.g. /api/admin/branches/3. */
function record(path: string, id: number): string {
  return `/api/admin/${path}/${id}`;
}

export function administrationEndpoints(request: ServerRequest) {
  return {
    async listAdminBranches(): Promise<AdminBranchList> {
      return request('GET', '/api/admin/branches', AdminBranchList);
    },
    async createBranch(branch: NewBranch): Promise<Branch> {
      return request('POST', '/api/admin/branches', Branch, branch);
    },
    async changeBranch(id: number, change: BranchChange): Promise<Branch> {
      return request('PUT', record('branches', id), Branch, change);
    },

    async listStaffUsers(): Promise<StaffUserList> {
      return request('GET', '/api/admin/staff-users', StaffUserList);
    },
    async createStaffUser(user: NewStaffUser): Promise<StaffUserRecord> {
      return request('POST', '/api/admin/staff-users', StaffUserRecord, user);
    },
    async changeStaffUser(id: number, change: StaffUserChange): Promise<StaffUserRecord> {
      return request('PUT', record('staff-users', id), StaffUserRecord, change);
    },
    async resetStaffPassword(id: number, password: string): Promise<StaffUserRecord> {
      return request('POST', `${record('staff-users', id)}/password`, StaffUserRecord, {
        password,
      });
    },
    async disableStaffUser(id: number, reason: string): Promise<StaffUserRecord> {
      return request('POST', `${record('staff-users', id)}/disable`, StaffUserRecord, { reason });
    },
    async enableStaffUser(id: number): Promise<StaffUserRecord> {
      return request('POST', `${record('staff-users', id)}/enable`, StaffUserRecord, {});
    },

    async listWorkstations(): Promise<WorkstationList> {
      return request('GET', '/api/admin/workstations', WorkstationList);
    },
    async createWorkstation(workstation: WorkstationInput): Promise<WorkstationRecord> {
      return request('POST', '/api/admin/workstations', WorkstationRecord, workstation);
    },
    async changeWorkstation(id: number, change: WorkstationInput): Promise<WorkstationRecord> {
      return request('PUT', record('workstations', id), WorkstationRecord, change);
    },
    async removeWorkstation(id: number): Promise<void> {
      await request('DELETE', record('workstations', id), NoContent);
    },

    async listPatronTypes(): Promise<PatronTypeList> {
      return request('GET', '/api/admin/patron-types', PatronTypeList);
    },
    async createPatronType(patronType: NewPatronType): Promise<PatronTypeRecord> {
      return request('POST', '/api/admin/patron-types', PatronTypeRecord, patronType);
    },
    async changePatronType(id: number, change: PatronTypeChange): Promise<PatronTypeRecord> {
      return request('PUT', record('patron-types', id), PatronTypeRecord, change);
    },

    async listMaterialTypes(): Promise<MaterialTypeList> {
      return request('GET', '/api/admin/material-types', MaterialTypeList);
    },
    async createMaterialType(materialType: NewMaterialType): Promise<MaterialTypeRecord> {
      return request('POST', '/api/admin/material-types', MaterialTypeRecord, materialType);
    },
    async changeMaterialType(id: number, change: MaterialTypeChange): Promise<MaterialTypeRecord> {
      return request('PUT', record('material-types', id), MaterialTypeRecord, change);
    },

    async listAdminLoanRules(): Promise<AdminLoanRuleList> {
      return request('GET', '/api/admin/loan-rules', AdminLoanRuleList);
    },
    async createLoanRule(rule: NewLoanRule): Promise<LoanRule> {
      return request('POST', '/api/admin/loan-rules', LoanRule, rule);
    },
    async changeLoanRule(id: number, change: LoanRuleChange): Promise<LoanRule> {
      return request('PUT', record('loan-rules', id), LoanRule, change);
    },
    async deleteLoanRule(id: number): Promise<void> {
      await request('DELETE', record('loan-rules', id), NoContent);
    },

    async getBarcodeRules(): Promise<BarcodeRules> {
      return request('GET', '/api/admin/barcode-rules', BarcodeRules);
    },
    async changeBarcodeRules(rules: BarcodeRules): Promise<BarcodeRules> {
      return request('PUT', '/api/admin/barcode-rules', BarcodeRules, rules);
    },

    async readAuditLog(filter: AuditLogFilter): Promise<AuditLogPage> {
      return request('GET', `/api/audit-log${auditLogQuery(filter)}`, AuditLogPage);
    },
  };
}
