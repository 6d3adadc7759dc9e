import { Config } from '@backstage/config';
import { StatementSeller } from './statementPdf';

/** The statement settings of `enterpriseConsole.billing` (config.d.ts). */
export interface StatementConfig {
  seller: StatementSeller;
  /** Whether the invoice run emails the statements it creates. */
  emailAfterRun: boolean;
}

/** A neutral header for deployments that name no seller. */
const DEFAULT_SELLER: StatementSeller = {
  name: 'Enterprise Console',
  address: [],
};

export function readStatementConfig(config: Config): StatementConfig {
  const billing = config.getOptionalConfig('enterpriseConsole.billing');
  const seller = billing?.getOptionalConfig('seller');
  return {
    seller: seller
      ? {
          name: seller.getString('name'),
          address: seller.getOptionalStringArray('address') ?? [],
        }
      : DEFAULT_SELLER,
    emailAfterRun:
      billing?.getOptionalBoolean('statementEmails.enabled') ?? true,
  };
}
