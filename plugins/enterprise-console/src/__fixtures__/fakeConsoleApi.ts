import { EnterpriseConsoleApi } from '../api';

/**
 * An API whose methods fail unless a test provides them, so a test notices
 * when a component calls something it did not expect.
 */
export function fakeConsoleApi(
  methods: Partial<EnterpriseConsoleApi>,
): EnterpriseConsoleApi {
  const notExpected = (name: string) => async () => {
    throw new Error(`${name} was not expected in this test`);
  };
  return {
    listAccounts: notExpected('listAccounts'),
    getTenant: notExpected('getTenant'),
    getTenantUsage: notExpected('getTenantUsage'),
    getAccountSettings: notExpected('getAccountSettings'),
    updateAccountSettings: notExpected('updateAccountSettings'),
    listSsoProviders: notExpected('listSsoProviders'),
    listDomainBindings: notExpected('listDomainBindings'),
    approveDomainBinding: notExpected('approveDomainBinding'),
    rejectDomainBinding: notExpected('rejectDomainBinding'),
    listTenants: notExpected('listTenants'),
    getTiles: notExpected('getTiles'),
    createReportRun: notExpected('createReportRun'),
    listReportRuns: notExpected('listReportRuns'),
    getReportRun: notExpected('getReportRun'),
    cancelReportRun: notExpected('cancelReportRun'),
    listSmsMessages: notExpected('listSmsMessages'),
    listSmsGateways: notExpected('listSmsGateways'),
    listSchedules: notExpected('listSchedules'),
    getSchedule: notExpected('getSchedule'),
    createSchedule: notExpected('createSchedule'),
    updateSchedule: notExpected('updateSchedule'),
    deleteSchedule: notExpected('deleteSchedule'),
    setScheduleEnabled: notExpected('setScheduleEnabled'),
    runSchedule: notExpected('runSchedule'),
    listBillingPlans: notExpected('listBillingPlans'),
    getBillingPlan: notExpected('getBillingPlan'),
    listBillingSubscriptions: notExpected('listBillingSubscriptions'),
    previewBillingSubscriptionChange: notExpected(
      'previewBillingSubscriptionChange',
    ),
    changeBillingSubscription: notExpected('changeBillingSubscription'),
    endBillingSubscription: notExpected('endBillingSubscription'),
    cancelBillingSubscription: notExpected('cancelBillingSubscription'),
    extendBillingSubscription: notExpected('extendBillingSubscription'),
    getBillingTenantFeatures: notExpected('getBillingTenantFeatures'),
    listBillingApplications: notExpected('listBillingApplications'),
    createBillingApplication: notExpected('createBillingApplication'),
    approveBillingApplication: notExpected('approveBillingApplication'),
    rejectBillingApplication: notExpected('rejectBillingApplication'),
    runBillingInvoices: notExpected('runBillingInvoices'),
    listBillingInvoices: notExpected('listBillingInvoices'),
    getBillingInvoice: notExpected('getBillingInvoice'),
    getBillingInvoicePdf: notExpected('getBillingInvoicePdf'),
    voidBillingInvoice: notExpected('voidBillingInvoice'),
    emailBillingInvoice: notExpected('emailBillingInvoice'),
    listBillingCredits: notExpected('listBillingCredits'),
    addBillingCredit: notExpected('addBillingCredit'),
    listBillingPayments: notExpected('listBillingPayments'),
    recordBillingPayment: notExpected('recordBillingPayment'),
    getBillingContacts: notExpected('getBillingContacts'),
    updateBillingContacts: notExpected('updateBillingContacts'),
    ...methods,
  };
}
