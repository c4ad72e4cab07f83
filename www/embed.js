// <tilfreds-analyzer lang="da" min-cell="5"></tilfreds-analyzer>
//
// A custom element that shows the app inside the host page. Load this file as a classic script
// from where the app is served:
//
//   <script src="https://tilfreds.intranet.example/embed.js" defer></script>
//
// The element keeps the app in an <iframe> inside its shadow root, so neither page's styles
// reach the other, sizes the frame to the app's content and forwards `lang` and `min-cell`
// through the app's postMessage API (docs/EMBED.md). Methods: `analyze(file, name)`,
// `setMapping(mapping, by)`; event: `tilfreds-summary` (detail: the summary, aggregates only).
// The API answers only a page whose origin the deployment allows (docs/EMBED.md); elsewhere the
// element shows the app with a notice and receives nothing.
(() => {
  const script = document.currentScript;
  const APP = new URL('index.html', script && script.src ? script.src : document.baseURI);
  const MIN_HEIGHT = 320;
  const MAX_HEIGHT = 100_000;

  if (customElements.get('tilfreds-analyzer')) return;

  class TilfredsAnalyzer extends HTMLElement {
    static get observedAttributes() {
      return ['lang', 'min-cell'];
    }

    constructor() {
      super();
      this.ready = false;
      this.queue = [];
      const root = this.attachShadow({ mode: 'open' });
      if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(':host{display:block}iframe{display:block;width:100%;border:0}');
        root.adoptedStyleSheets = [sheet];
      }
      const frame = document.createElement('iframe');
      frame.title = 'Tilfreds';
      frame.style.display = 'block';
      frame.style.width = '100%';
      frame.style.border = '0';
      frame.style.height = `${MIN_HEIGHT * 2}px`;
      frame.setAttribute('allow', 'clipboard-write');
      frame.setAttribute('referrerpolicy', 'no-referrer');
      // From its own origin the app is isolated by the browser's origin boundary, so it may keep
      // that origin (its worker and wasm need it) inside a sandbox without navigation or
      // pop-ups. Served from the host page's own origin, a sandbox with allow-same-origin would
      // protect nothing (the frame could lift it), so none is set.
      if (APP.origin !== location.origin) {
        frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-downloads');
      }
      // Which pages may use the app's API is set where the app is deployed (its
      // tilfreds-hosts list and frame-ancestors header), never by this script or the URL.
      frame.src = APP.href;
      this.frame = frame;
      root.append(frame);
      this.onMessage = (event) => this.receive(event);
    }

    connectedCallback() {
      window.addEventListener('message', this.onMessage);
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.onMessage);
    }

    attributeChangedCallback() {
      if (this.ready) this.sendSettings();
    }

    /** Analyses a File, Blob or ArrayBuffer; the summary arrives as a `tilfreds-summary` event. */
    analyze(file, name) {
      this.post({ type: 'tilfreds:analyze', file, name: name ?? (file && file.name) ?? 'data.csv' });
    }

    /** Sets how columns are used: [{column, kind?, exclude?}], and optionally the grouping. */
    setMapping(mapping, by) {
      this.post(by === undefined ? { type: 'tilfreds:mapping', mapping } : { type: 'tilfreds:mapping', mapping, by });
    }

    sendSettings() {
      const settings = { type: 'tilfreds:settings' };
      const lang = this.getAttribute('lang');
      if (lang === 'da' || lang === 'en') settings.lang = lang;
      const minCell = Number(this.getAttribute('min-cell'));
      if (Number.isInteger(minCell) && minCell >= 1 && minCell <= 1000) settings.minCell = minCell;
      this.post(settings, true);
    }

    post(message, now = false) {
      if (!this.ready && !now) {
        this.queue.push(message);
        return;
      }
      this.frame.contentWindow?.postMessage(message, APP.origin);
    }

    receive(event) {
      if (event.source !== this.frame.contentWindow || event.origin !== APP.origin) return;
      const msg = event.data;
      if (!msg || typeof msg !== 'object') return;
      switch (msg.type) {
        case 'tilfreds:ready':
          this.ready = true;
          this.sendSettings();
          for (const queued of this.queue.splice(0)) this.post(queued);
          this.dispatchEvent(new CustomEvent('tilfreds-ready'));
          break;
        case 'tilfreds:summary':
          if (msg.summary && typeof msg.summary === 'object') {
            this.dispatchEvent(new CustomEvent('tilfreds-summary', { detail: msg.summary }));
          }
          break;
        case 'tilfreds:resize':
          if (Number.isFinite(msg.height)) {
            this.frame.style.height = `${Math.min(Math.max(Math.ceil(msg.height), MIN_HEIGHT), MAX_HEIGHT)}px`;
          }
          break;
        default:
          break;
      }
    }
  }

  customElements.define('tilfreds-analyzer', TilfredsAnalyzer);
})();
