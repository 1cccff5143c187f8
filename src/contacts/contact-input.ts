// Validation of what agents pick or type on contact forms, before anything is sent to WxCC.
import { msg } from '../i18n/message';
import { AppError } from '../errors';
import { checkCustomerNumber } from './customer-numbers';
import type { DialRules } from '../station/dial-plan';
import type { TransferTarget } from './contact-service';

const TARGET = /^(agent|queue):([A-Za-z0-9-]{1,36})$/;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function picked(value: unknown): { destinationType: 'agent' | 'queue'; to: string } | undefined {
  const match = TARGET.exec(text(value));
  if (!match) return undefined;
  return { destinationType: match[1] as 'agent' | 'queue', to: match[2] as string };
}

/** A typed number wins over the list: the list's first entry is "a number (below)". */
export function parseTransferTarget(
  body: Record<string, unknown>,
  rules?: DialRules,
): TransferTarget {
  const number = text(body.dialNumber);
  if (number !== '')
    return { destinationType: 'dialNumber', to: checkCustomerNumber(number, 'dialNumber', rules) };
  const target = picked(body.target);
  if (target === undefined) {
    throw new AppError('bad_input', msg('refusal.chooseTransferTarget'), {
      field: 'target',
    });
  }
  return target;
}

export function parseConsultTarget(body: Record<string, unknown>): {
  destinationType: 'agent' | 'queue';
  to: string;
} {
  const target = picked(body.target);
  if (target === undefined) {
    throw new AppError('bad_input', msg('refusal.chooseConsultTarget'), { field: 'target' });
  }
  return target;
}
