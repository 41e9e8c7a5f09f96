/**
 * What jsdom lacks and the task pane's tests need, installed when this module loads — import it
 * first in a jsdom test: a ResizeObserver that observes nothing (Fluent's MessageBar asks for one)
 * and Node's TextDecoder/TextEncoder (every browser the pane runs in has them; the readers create a
 * decoder when they load, so they must load after this).
 */
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';

class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

Object.assign(globalThis, { ResizeObserver: NoResizeObserver });
if (typeof globalThis.TextDecoder === 'undefined') Object.assign(globalThis, { TextDecoder: NodeTextDecoder, TextEncoder: NodeTextEncoder });
