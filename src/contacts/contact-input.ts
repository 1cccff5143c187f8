// Validation of what agents pick or type on contact forms, before anything is sent to WxCC.
import { AppError } from '../errors';
import { checkCustomerNumber } from './customer-numbers';
import type { DialRules } from '../station/dial-plan';
import { msg } from '../i18n/message';
import type { ConsultTarget, TransferTarget } from './contact-service';

const TARGET = /^(agent|queue):([A-Za-z0-9-]{1,36})$/;
/** The consult form also offers the tenant's entry points (`entry:<id>`). */
const CONSULT_TARGET = /^(agent|queue|entry):([A-Za-z0-9_-]{1,64})$/;

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

export function parseConsultTarget(body: Record<string, unknown>): ConsultTarget {
  const match = CONSULT_TARGET.exec(text(body.target));
  if (!match) {
    throw new AppError('bad_input', msg('targets.chooseConsult'), { field: 'target' });
  }
  const kind = match[1] as 'agent' | 'queue' | 'entry';
  return {
    destinationType: kind === 'entry' ? 'entryPoint' : kind,
    to: match[2] as string,
    othersKeepTalking: othersKeepTalking(body),
  };
}

/**
 * The consult form's box "Let the others keep talking while I consult", offered in a conference
 * (Cisco's consult popover: "Allow participants to continue interacting.", unticked by default):
 * only its own value ticks it; anything else, or nothing, holds the others as WxCC does by default.
 */
export function othersKeepTalking(body: Record<string, unknown>): boolean {
  return body.othersKeepTalking === 'yes';
}
