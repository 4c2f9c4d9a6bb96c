import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { BRIDGE_HOST, BRIDGE_PORT_NAME, type BridgeReply, type BridgeRequest } from './protocol';

// Test builds only: relays "open this extension page" from the bridge page to the test background script.
export default defineContentScript({
  matches: [`http://${BRIDGE_HOST}/*`],
  runAt: 'document_start',
  main() {
    const port = browser.runtime.connect({ name: BRIDGE_PORT_NAME });
    port.onMessage.addListener((reply: unknown) => window.postMessage(reply as BridgeReply, location.origin));
    window.addEventListener('message', (event: MessageEvent<Partial<BridgeRequest>>) => {
      if (event.source !== window || event.data?.sotayTestBridge !== 'open') return;
      port.postMessage({ sotayTestBridge: 'open', id: event.data.id, path: event.data.path } satisfies Partial<BridgeRequest>);
    });
    document.documentElement.dataset.sotayTestBridge = 'ready';
  },
});
