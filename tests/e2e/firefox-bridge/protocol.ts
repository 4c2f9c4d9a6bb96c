/**
 * The Firefox test bridge (built only with SOTAY_TEST_BRIDGE=1, see wxt.config.ts). WebDriver BiDi
 * refuses to navigate a tab to moz-extension://, so a test asks, from a page on this test-only host, for
 * an extension page to be opened in a new tab; the test then drives that tab like any other. It can open
 * only the extension's own pages and does nothing else: everything a test checks goes through the same
 * pages, messages and APIs as in the shipped add-on.
 */
export const BRIDGE_HOST = 'sotay-test-bridge.invalid';
export const BRIDGE_URL = `http://${BRIDGE_HOST}/`;
export const BRIDGE_PORT_NAME = 'sotay-test-bridge';

/** page → content script (window.postMessage) → background (runtime port), and the answer back. */
export interface BridgeRequest {
  sotayTestBridge: 'open';
  id: number;
  /** An extension page path with its query, e.g. "popup.html?tab=3". */
  path: string;
}
export interface BridgeReply {
  sotayTestBridge: 'opened';
  id: number;
  url?: string;
  error?: string;
}
