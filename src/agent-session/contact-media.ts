// What kind of contact it is: a call, or a chat, email or social message, in the words the page uses.
import type { ContactView } from './contact-view';
import { msg, type Message } from '../i18n/message';

/**
 * Anything but telephony is digital: accepted on the desktop (`POST /v1/tasks/{id}/accept`), never
 * answered on a phone (Cisco's SDK services/task/index.ts accept; TaskManager.ts AGENT_CONTACT_RESERVED
 * "for digital channels"). A contact without a media type is a call (snapshots before digital).
 */
export function isDigital(c: Pick<ContactView, 'mediaType'>): boolean {
  return c.mediaType !== undefined && c.mediaType.toLowerCase() !== 'telephony';
}

/**
 * The channel's name, as Cisco's widgets label a task (@webex/cc-components getMediaTypeInfo):
 * social by its platform (FB messenger, WhatsApp, Apple Chat, else Chat), otherwise Call, Email,
 * Chat. SMS (a social channel at WxCC) is named too.
 */
export function channelLabel(c: Pick<ContactView, 'mediaType' | 'mediaChannel'>): Message | string {
  const type = (c.mediaType ?? 'telephony').toLowerCase();
  const channel = (c.mediaChannel ?? '').toLowerCase();
  // Platforms are brand names, the same in every language.
  if (type === 'social') return SOCIAL[channel] ?? msg('contact.channel.chat');
  return MEDIA[type] ?? msg('contact.channel.call');
}

/** The noun for sentences: "the chat", "the email", "the message", "the call". */
export type ContactNoun = 'call' | 'chat' | 'email' | 'message';

export function contactNoun(c: Pick<ContactView, 'mediaType'>): ContactNoun {
  const type = (c.mediaType ?? 'telephony').toLowerCase();
  return type === 'chat'
    ? 'chat'
    : type === 'email'
      ? 'email'
      : type === 'social'
        ? 'message'
        : 'call';
}

const MEDIA: Record<string, Message> = {
  telephony: msg('contact.channel.call'),
  email: msg('contact.channel.email'),
  chat: msg('contact.channel.chat'),
};
const SOCIAL: Record<string, string> = {
  facebook: 'FB messenger',
  whatsapp: 'WhatsApp',
  apple: 'Apple Chat',
  sms: 'SMS',
};
