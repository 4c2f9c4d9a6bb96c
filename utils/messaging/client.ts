/** Sending side of the protocol, for content scripts and extension pages. */
import { browser } from 'wxt/browser';
import { unwrapReply, type Envelope, type MessageType, type RequestOf, type ResponseOf } from './protocol';

export async function sendMessage<K extends MessageType>(type: K, data: RequestOf<K>): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { type, data };
  return unwrapReply<ResponseOf<K>>(await browser.runtime.sendMessage(envelope));
}
