// Schemas of the WxCC configuration answers the desktop reads, and the shapes they become. Objects are
// permissive: tenants send many more fields (left out here), and null where a value is unset.
import * as z from 'zod';
import {
  flagOff,
  flagOn,
  idList,
  optionalFlag,
  optionalPositive,
  optionalText,
  wxccId,
} from '../upstream-schema';

const optionalId = wxccId.nullish().transform((v) => v ?? undefined);
const textList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

export const teamSchema = z
  .object({ id: wxccId, name: optionalText, active: flagOn })
  .transform((t) => ({ ...t, name: t.name ?? t.id }));
export type Team = z.output<typeof teamSchema>;

export const auxCodeSchema = z
  .object({
    id: wxccId,
    name: optionalText,
    active: flagOn,
    isSystemCode: flagOff,
    defaultCode: flagOff,
    workTypeCode: optionalText,
  })
  .transform((c) => ({ ...c, name: c.name ?? c.id, workTypeCode: c.workTypeCode ?? '' }));
export type AuxCode = z.output<typeof auxCodeSchema>;

export const userSchema = z
  .object({
    teamIds: idList,
    agentProfileId: optionalId,
    // The API really spells it "deafult"; the corrected spelling is read too.
    deafultDialledNumber: optionalText,
    defaultDialledNumber: optionalText,
  })
  .transform(({ deafultDialledNumber, defaultDialledNumber, ...user }) => ({
    ...user,
    defaultDialNumber: deafultDialledNumber ?? defaultDialledNumber,
  }));
export type AgentUser = z.output<typeof userSchema>;

/** The desktop profile (AgentProfileDTO): login options, idle and wrap-up codes, dial plans, outdial. */
export const agentProfileSchema = z.object({
  loginVoiceOptions: textList,
  /** `ALL` or `SPECIFIC` (then idleCodes lists the allowed ones); likewise for wrap-up and queues. */
  accessIdleCode: optionalText,
  idleCodes: idList,
  dialPlanEnabled: flagOff,
  dialPlans: idList,
  /** `PROVISIONED_VALUE` locks the agent to the provisioned number; other values do not. */
  agentDNValidation: optionalText,
  accessWrapUpCode: optionalText,
  wrapUpCodes: idList,
  autoWrapUp: flagOff,
  autoWrapAfterSeconds: optionalPositive,
  allowAutoWrapUpExtension: flagOff,
  consultToQueue: flagOff,
  outdialEnabled: flagOff,
  outdialEntryPointId: optionalId,
  outdialANIId: optionalId,
  /** The agent's address book (Cisco's SDK AddressBook.ts reads entries of this one). */
  addressBookId: optionalId,
  accessQueue: optionalText,
  queues: idList,
});
export type AgentProfile = z.output<typeof agentProfileSchema>;

/** One dial plan as Cisco's SDK keeps it (DialPlanDTO's regularExpression is `regex` here). */
export interface DialPlanEntry {
  id?: string;
  name: string;
  regex: string;
  prefix: string;
  strippedChars: string;
}

/** A dial plan the desktop can use; an inactive one or one without a regex reads as undefined. */
export const dialPlanSchema = z
  .object({
    id: optionalId,
    name: optionalText,
    regularExpression: optionalText,
    prefix: optionalText,
    strippedChars: optionalText,
    active: optionalFlag,
  })
  .transform((p): DialPlanEntry | undefined =>
    p.regularExpression === undefined || p.active === false
      ? undefined
      : {
          id: p.id,
          name: p.name ?? 'dial plan',
          regex: p.regularExpression,
          prefix: p.prefix ?? '',
          strippedChars: p.strippedChars ?? '',
        },
  );

/** The spec answers a bare list; the v2 envelope `{data:[...]}` is read too. */
export const dialPlansAnswer = z.preprocess(
  (body) => (Array.isArray(body) ? { data: body } : body),
  z.object({ data: z.array(dialPlanSchema) }),
);

const tenantFields = z.object({
  forceDefaultDn: optionalFlag,
  /** Contact controls the tenant switches off (Cisco's SDK Util.ts parseAgentConfigs). */
  endCallEnabled: optionalFlag,
  endConsultEnabled: optionalFlag,
  outdialEnabled: optionalFlag,
  /** Milliseconds a lost notification socket may take to come back; WxCC's default is 50 s. */
  lostConnectionRecoveryTimeout: optionalPositive,
});

/** Settings come as `{data:[{...}]}` (Cisco's SDK reads data[0]); a bare object is read as is. */
export const tenantAnswer = tenantFields
  .extend({ data: z.array(tenantFields).nullish() })
  .transform(({ data, ...bare }) => {
    const t: Partial<z.output<typeof tenantFields>> = data ? (data[0] ?? {}) : bare;
    const settings: TenantSettings = { ...t, forceDefaultDn: t.forceDefaultDn === true };
    return settings;
  });

/**
 * The organization's record (`GET /organization/{orgId}`): its time zone, which Cisco's SDK reads
 * as the tenant's (@webex/contact-center src/services/config/Util.ts parseAgentConfigs:
 * tenantTimezone: orgInfoData.timezone). The agent's statistics count days in it.
 */
export const organizationSchema = z
  .object({ timezone: optionalText })
  .transform((o): OrganizationInfo => ({ timeZone: o.timezone }));

export interface OrganizationInfo {
  timeZone?: string;
}

/** The tenant settings the desktop honours (`v2/tenant-configuration?agentView=true`). */
export interface TenantSettings {
  forceDefaultDn: boolean;
  endCallEnabled?: boolean;
  endConsultEnabled?: boolean;
  outdialEnabled?: boolean;
  lostConnectionRecoveryTimeout?: number;
}

export interface Queue {
  id: string;
  name: string;
  telephony: boolean;
  /** The one media it routes (ContactServiceQueueDTO channelType): TELEPHONY, CHAT, EMAIL, SOCIAL_CHANNEL… */
  channelType?: string;
}

/** A queue, or undefined when it is inactive. */
export const queueSchema = z
  .object({ id: wxccId, name: optionalText, active: flagOn, channelType: optionalText })
  .transform((q): Queue | undefined =>
    !q.active
      ? undefined
      : {
          id: q.id,
          name: q.name ?? q.id,
          telephony: q.channelType === undefined || q.channelType === 'TELEPHONY',
          channelType: (q.channelType ?? 'TELEPHONY').toUpperCase(),
        },
  );

export interface EntryPoint {
  id: string;
  name: string;
}

/**
 * An entry point a call can be consulted to (EntryPointDTO): every one the tenant lists, by id and
 * name, as Cisco's widgets list them. `@webex/cc-task`'s consult popover (cc-components
 * useConsultTransferPopover → usePaginatedData(getEntryPoints, e => ({id: e.id, name: e.name})))
 * pages through `@webex/cc-store` storeEventsWrapper getEntryPoints, which is the SDK's
 * services/EntryPoint.ts getEntryPoints: `GET v2/entry-point?page&pageSize&sortOrder=asc`, with no
 * filter on channel, type or active (cc-task 1.28.0-next.3, cc-store 1.28.0, SDK 3.12.0). WxCC
 * answers a consult it cannot route with AgentConsultFailed, which the page shows.
 */
export const entryPointSchema = z
  .object({ id: wxccId, name: optionalText })
  .transform((e): EntryPoint => ({ id: e.id, name: e.name ?? e.id }));

export interface OutdialAni {
  number: string;
  name: string;
  isDefault: boolean;
}

/** An outdial number, or undefined for an entry without one: it cannot be dialled from. */
export const outdialAniSchema = z
  .object({ number: optionalText, name: optionalText, defaultANIEntry: flagOff })
  .transform((e): OutdialAni | undefined =>
    e.number === undefined
      ? undefined
      : { number: e.number, name: e.name ?? e.number, isDefault: e.defaultANIEntry },
  );

/** A v2 list page: its items and how many pages there are. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    meta: z
      .object({ totalPages: optionalPositive })
      .nullish()
      .transform((m) => ({ totalPages: m?.totalPages })),
  });

/** One address book entry (AddressBookEntryDTO); an entry without a number is of no use here. */
export const addressBookEntrySchema = z
  .object({ id: optionalId, name: optionalText, number: optionalText })
  .transform((e) =>
    e.id === undefined || e.number === undefined
      ? undefined
      : { id: e.id, name: e.name ?? e.number, number: e.number },
  );
export type AddressBookEntry = NonNullable<z.output<typeof addressBookEntrySchema>>;

/** A page of a searched list: its items and where it stands. */
export const searchPageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    meta: z
      .object({ page: z.number().int().nonnegative().optional(), totalPages: optionalPositive })
      .nullish()
      .transform((m) => ({ page: m?.page ?? 0, totalPages: m?.totalPages ?? 0 })),
  });

export const CAD_TYPES = ['STRING', 'INTEGER', 'DATE_TIME', 'BOOLEAN', 'DECIMAL'] as const;
export type CadType = (typeof CAD_TYPES)[number];

/**
 * A global (CAD) variable's definition (CadVariableDTO). The spec spells the type both ways
 * (`DATE_TIME` and `DateTime`); both read as the upper-case form, anything else as a string.
 */
export const cadVariableSchema = z
  .object({
    name: optionalText,
    desktopLabel: optionalText,
    variableType: optionalText,
    agentEditable: flagOff,
    agentViewable: flagOff,
    active: flagOn,
  })
  .transform((v) => {
    if (v.name === undefined || !v.active) return undefined;
    const raw = (v.variableType ?? '').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
    const type: CadType = (CAD_TYPES as readonly string[]).includes(raw)
      ? (raw as CadType)
      : 'STRING';
    return {
      name: v.name,
      label: v.desktopLabel || v.name,
      type,
      agentEditable: v.agentEditable,
      agentViewable: v.agentViewable,
    };
  });
export type CadVariable = NonNullable<z.output<typeof cadVariableSchema>>;
