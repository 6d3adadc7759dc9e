import { BillingApplicationInput } from '@internal/plugin-enterprise-console-common';

/** The application form as typed: numbers are text until sent. */
export type ApplicationForm = {
  tenantId: string;
  kind: BillingApplicationInput['kind'];
  /** Empty: the default plan of the kind (Standard, or Community). */
  planId: string;
  organisation: string;
  reason: string;
  expectedUsers: string;
  pilotMonths: string;
  integrationDescription: string;
};

export const emptyApplicationForm = (tenantId = ''): ApplicationForm => ({
  tenantId,
  kind: 'pro-bono',
  planId: '',
  organisation: '',
  reason: '',
  expectedUsers: '',
  pilotMonths: '',
  integrationDescription: '',
});

/** The limits of BillingApplicationInput in openapi.yaml. */
export const APPLICATION_LIMITS = {
  organisation: 200,
  reason: 2000,
  integrationDescription: 2000,
  expectedUsers: 1_000_000,
  pilotMonths: 36,
} as const;

export type ApplicationProblems = Partial<
  Record<keyof ApplicationForm, string>
>;

function wholeNumberProblem(
  value: string,
  max: number,
  what: string,
): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return `Enter the ${what}.`;
  if (!/^\d+$/.test(trimmed)) return `Enter the ${what} as a whole number.`;
  const number = Number(trimmed);
  if (number < 1 || number > max) {
    return `Enter 1 to ${max.toLocaleString('en-US')}.`;
  }
  return undefined;
}

function textProblem(
  value: string,
  max: number,
  what: string,
): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return `Enter the ${what}.`;
  if (trimmed.length > max) return `At most ${max} characters.`;
  return undefined;
}

/** What keeps the form from being sent, field by field (empty when none). */
export function applicationProblems(
  form: ApplicationForm,
): ApplicationProblems {
  const problems: ApplicationProblems = {};
  if (!form.tenantId) problems.tenantId = 'Choose the tenant.';
  if (form.kind === 'pro-bono') {
    problems.organisation = textProblem(
      form.organisation,
      APPLICATION_LIMITS.organisation,
      'organisation',
    );
    problems.reason = textProblem(
      form.reason,
      APPLICATION_LIMITS.reason,
      'reason',
    );
    problems.expectedUsers = wholeNumberProblem(
      form.expectedUsers,
      APPLICATION_LIMITS.expectedUsers,
      'expected users',
    );
    problems.pilotMonths = wholeNumberProblem(
      form.pilotMonths,
      APPLICATION_LIMITS.pilotMonths,
      'pilot months',
    );
  } else {
    problems.integrationDescription = textProblem(
      form.integrationDescription,
      APPLICATION_LIMITS.integrationDescription,
      'integration description',
    );
  }
  for (const key of Object.keys(problems) as Array<keyof ApplicationForm>) {
    if (!problems[key]) delete problems[key];
  }
  return problems;
}

/** The body of POST /v1/billing/applications: only the kind's fields. */
export function applicationRequest(
  form: ApplicationForm,
): BillingApplicationInput {
  const base = {
    tenantId: form.tenantId,
    kind: form.kind,
    ...(form.planId ? { planId: form.planId } : {}),
  };
  if (form.kind === 'developer') {
    return {
      ...base,
      integrationDescription: form.integrationDescription.trim(),
    };
  }
  return {
    ...base,
    organisation: form.organisation.trim(),
    reason: form.reason.trim(),
    expectedUsers: Number(form.expectedUsers.trim()),
    pilotMonths: Number(form.pilotMonths.trim()),
  };
}
