import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { BRIDGE_PORT_NAME, BRIDGE_URL, type BridgeReply, type BridgeRequest } from './protocol';

// Test builds only: listed after the real background script, so it shares the event page's global.
export default defineUnlistedScript(() => {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== BRIDGE_PORT_NAME || !port.sender?.url?.startsWith(BRIDGE_URL)) return;
    port.onMessage.addListener(async (message: unknown) => {
      const request = message as Partial<BridgeRequest>;
      const reply: BridgeReply = { sotayTestBridge: 'opened', id: Number(request.id) };
      try {
        if (typeof request.path !== 'string' || /^[a-z]+:|^\/\//i.test(request.path)) throw new Error('not an extension page path');
        // runtime.getURL keeps it inside this extension.
        const tab = await browser.tabs.create({ url: browser.runtime.getURL(`/${request.path.replace(/^\/+/, '')}` as '/popup.html') });
        reply.url = tab.url;
      } catch (error) {
        reply.error = String(error);
      }
      port.postMessage(reply);
    });
  });
});
