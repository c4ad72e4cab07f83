// What the wasm modules may call in the browser: their import list, held to an allow-list. A new
// import (a crate that brings fetch, WebSocket or RTCPeerConnection, say) fails this test until
// it is looked at and listed here. Runs after ./build.sh build (it reads www/pkg/).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');
const MODULES = ['pkg/tilfreds_web_bg.wasm', 'pkg/multi/tilfreds_web_bg.wasm'];

/** Every import the glue provides, by what it is for; names without wasm-bindgen's hash. */
const ALLOWED = {
  // Drawing on a canvas (plotters-canvas, and the boundary's text measuring).
  canvas: [
    'arc', 'beginPath', 'closePath', 'fill', 'fillRect', 'fillText', 'getContext', 'lineTo', 'measureText', 'moveTo',
    'restore', 'rotate', 'save', 'set_fillStyle', 'set_font', 'set_height', 'set_lineWidth', 'set_strokeStyle',
    'set_textAlign', 'set_textBaseline', 'set_width', 'stroke', 'strokeRect', 'translate', 'width', 'height',
    'instanceof_CanvasRenderingContext2d',
  ],
  // plotters' fallback text measurement: a <span> put into the page, measured and removed.
  measuring: ['document', 'body', 'createElement', 'append', 'setAttribute', 'set_textContent', 'offsetHeight', 'offsetWidth', 'remove', 'instanceof_HtmlElement'],
  // The global object, looked up once by web-sys's window() (plotters' measurement).
  global: ['static_accessor_GLOBAL', 'static_accessor_GLOBAL_THIS', 'static_accessor_SELF', 'static_accessor_WINDOW', 'instanceof_Window'],
  // Reading JavaScript values handed to the module (serde-wasm-bindgen, js-sys).
  values: [
    'Error', 'Number', 'String', 'call', 'done', 'entries', 'get', 'get_unchecked', 'get_with_ref_key', 'instanceof_ArrayBuffer',
    'instanceof_Map', 'instanceof_Uint8Array', 'isArray', 'isSafeInteger', 'iterator', 'length', 'new', 'next', 'prototypesetcall',
    'value', 'parse', 'stringify',
  ],
  // wasm-bindgen's own runtime.
  runtime: [
    '__wbindgen_bigint_get_as_i64', '__wbindgen_boolean_get', '__wbindgen_debug_string', '__wbindgen_in', '__wbindgen_is_bigint',
    '__wbindgen_is_function', '__wbindgen_is_null', '__wbindgen_is_object', '__wbindgen_is_string', '__wbindgen_is_undefined',
    '__wbindgen_jsval_eq', '__wbindgen_jsval_loose_eq', '__wbindgen_number_get', '__wbindgen_string_get', '__wbindgen_throw',
  ],
};

/** wasm-bindgen's import names: `__wbg_<name>_<16 hex digits>` or `__wbindgen_<name>`. */
function plainName(name) {
  return name.replace(/^__wbg_/, '').replace(/_[0-9a-f]{16}$/, '');
}

for (const file of MODULES) {
  const full = path.join(WWW, file);
  test(`${file} imports only what is listed`, { skip: !fs.existsSync(full) && 'run ./build.sh build first' }, () => {
    const module = new WebAssembly.Module(fs.readFileSync(full));
    const allowed = new Set(Object.values(ALLOWED).flat());
    const found = WebAssembly.Module.imports(module);
    const unknown = found
      .filter((i) => !(i.module === './tilfreds_web_bg.js' && i.kind === 'function' && allowed.has(plainName(i.name))))
      .filter((i) => !['__wbindgen_init_externref_table', '__wbindgen_generic'].some((n) => i.name.startsWith(n)))
      .map((i) => `${i.module} ${i.name} (${i.kind})`);
    assert.deepEqual(unknown, [], 'imports not on the allow-list');
    const names = new Set(found.map((i) => plainName(i.name)));
    for (const banned of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'sendBeacon', 'RTCPeerConnection', 'open', 'location', 'importScripts', 'eval', 'Function']) {
      assert.ok(![...names].some((n) => n === banned || n.startsWith(`${banned}_`) || n.endsWith(`_${banned}`)), `imports ${banned}`);
    }
  });
}
