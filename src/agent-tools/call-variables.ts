// Call variables: labels and editability from the tenant's CAD definitions; edits sent with PATCH
// /v1/tasks/{id} and shown only once WxCC's ContactUpdated has come back (the reducer folds it).
import { msg } from '../i18n/message';
import { variableLabel } from '../contacts/variable-label';
import { AppError, isAppError } from '../errors';
import type { CadType, CadVariable } from '../clients/wxcc-configuration/schemas';
import { isRoutingEvent } from '../agent-session/contact-events';
import { contactFailureError } from '../agent-session/contact-failures';
import type { CallVariable } from '../agent-session/contact-view';
import type { ActionOutcome, StationContext, StationService } from '../station/station-service';
import type { AgentConfigurationReader } from '../agent-configuration/agent-configuration';

const MAX_VALUE = 1024;

export interface CallVariableField {
  name: string;
  label: string;
  value: string;
  editable: boolean;
  type: CadType;
}

/** What each type accepts; its refusal is the catalog's `cadErr.mustBe.<type>`, about the label. */
const CHECKS: Record<CadType, (v: string) => boolean> = {
  STRING: () => true,
  INTEGER: (v) => /^-?\d{1,15}$/.test(v),
  DECIMAL: (v) => /^-?\d{1,15}(\.\d{1,10})?$/.test(v),
  BOOLEAN: (v) => v === 'true' || v === 'false',
  DATE_TIME: (v) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?/.test(v) && !Number.isNaN(Date.parse(v)),
};

export interface CallVariablesOptions {
  station: StationService;
  /**
   * A read whose answer is the organization's, cached for every agent of it
   * (agent-configuration.ts `shared`): the CAD definitions are the tenant's, so the first offer
   * of each of 1,000 agents no longer costs a WxCC call each (fan-out bench, issue 22).
   */
  shared: AgentConfigurationReader['shared'];
}

export function createCallVariables(options: CallVariablesOptions) {
  const { station, shared } = options;

  /** The tenant's definitions; unknown (undefined) when they cannot be read: nothing is editable then. */
  async function definitions(ctx: StationContext): Promise<CadVariable[] | undefined> {
    return shared(ctx, 'cad-variables', (wxcc) => wxcc.listCadVariables(ctx.agent.orgId)).catch(
      (error: unknown) => {
        // Failures are never cached (org-cache.ts): the next page asks WxCC again.
        if (isAppError(error) && error.code === 'reconnect_required') throw error;
        return undefined;
      },
    );
  }

  /**
   * What the page shows: the tenant's label; editable only where both the definition and WxCC's
   * event say the agent may (a variable WxCC does not define is the flow's own: read-only).
   */
  function fields(variables: CallVariable[], defs: CadVariable[] | undefined): CallVariableField[] {
    return variables.flatMap((v): CallVariableField[] => {
      const def = defs?.find((d) => d.name === v.name);
      if (def && !def.agentViewable) return [];
      return [
        {
          name: v.name,
          label: variableLabel(v.name, def?.label, v.label),
          value: v.value,
          editable: def !== undefined && def.agentEditable && v.editable !== false,
          type: def?.type ?? 'STRING',
        },
      ];
    });
  }

  async function fieldsFor(ctx: StationContext, interactionId: string) {
    const snapshot = await station.snapshot(ctx);
    const contact = Object.hasOwn(snapshot.contacts.items, interactionId)
      ? snapshot.contacts.items[interactionId]
      : undefined;
    if (!contact) {
      throw new AppError('not_found', msg('refusal.gone'), {
        status: 409,
      });
    }
    return fields(contact.callVariables, await definitions(ctx));
  }

  /** Sends only the editable variables that changed, each checked against its declared type. */
  async function save(
    ctx: StationContext,
    interactionId: string,
    body: Record<string, unknown>,
  ): Promise<ActionOutcome> {
    const current = await fieldsFor(ctx, interactionId);
    const changed: Record<string, string> = {};
    for (const field of current) {
      const key = `cad_${field.name}`;
      if (!(key in body)) continue;
      const raw = body[key];
      const value = field.type === 'BOOLEAN' ? (raw === 'true' ? 'true' : 'false') : raw;
      if (typeof value !== 'string') continue;
      const text = value.trim();
      if (text === field.value) continue;
      if (!field.editable) {
        // The label is the tenant's (or the variable's own name), shown as written.
        throw new AppError('bad_input', msg('cadErr.readOnly', { label: field.label }), {
          field: key,
        });
      }
      if (text.length > MAX_VALUE || (text !== '' && !CHECKS[field.type](text))) {
        throw new AppError(
          'bad_input',
          msg(`cadErr.mustBe.${field.type}`, { label: field.label }),
          {
            field: key,
          },
        );
      }
      changed[field.name] = text;
    }
    // Names posted that the contact does not show are not the agent's to set.
    const known = new Set(current.map((f) => `cad_${f.name}`));
    const stray = Object.keys(body).find((k) => k.startsWith('cad_') && !known.has(k));
    if (stray !== undefined) {
      throw new AppError('bad_input', msg('cadErr.notOnCall'), { field: stray });
    }
    if (Object.keys(changed).length === 0) {
      throw new AppError('bad_input', msg('cadErr.nothingChanged'), { field: 'cad' });
    }
    return station.act(
      ctx,
      (e) =>
        isRoutingEvent(e) &&
        e.data.interactionId === interactionId &&
        (e.inner === 'ContactUpdated' || e.inner === 'ContactUpdateFailed'),
      (wxcc) => wxcc.updateTaskAttributes(interactionId, changed),
      contactFailureError,
    );
  }

  return { definitions, fields, fieldsFor, save };
}

export type CallVariables = ReturnType<typeof createCallVariables>;
