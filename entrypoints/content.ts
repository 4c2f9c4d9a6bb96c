import { defineContentScript } from 'wxt/utils/define-content-script';
import { PORTAL_MATCH_PATTERNS } from '@/utils/portals/builtin';
import { sendMessage } from '@/utils/messaging/client';

export default defineContentScript({
  matches: PORTAL_MATCH_PATTERNS,
  runAt: 'document_idle',
  async main() {
    try {
      await sendMessage('page/report', { url: location.href, title: document.title.trim().slice(0, 2000) });
    } catch (error) {
      // The page must never break because of us; the popup shows "not active" instead.
      console.debug('[Sổ tay] could not report this page', error);
    }
  },
});
